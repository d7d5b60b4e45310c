using System.Net;

namespace Yibao.Web.Tests;

public sealed class CatalogPolicyPageTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    [Fact]
    public async Task Clerk_reads_catalog_and_policies_but_cannot_import_or_edit()
    {
        var client = await factory.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        (await client.GetAsync("/Catalogs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Policies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Catalogs/Import")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/Policies/Edit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Policy_json_is_validated_on_the_server_with_errors_by_path()
    {
        var client = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var response = await YibaoWebFactory.PostFormAsync(client, "/Policies/Edit", "/Policies/Edit",
            [new("Json", "{\"id\":\"X\",\"name\":\"坏参数集\",\"pool_area\":\"12\",\"effective_from\":\"2025-01-01\",\"effective_to\":\"2024-12-31\",\"person_categories\":[]}")]);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("$.pool_area：统筹区必须是 6 位行政区划代码");
        html.ShouldContain("$.effective_to：结束日期不得早于开始日期");
    }

    [Fact]
    public async Task Imported_example_policy_shows_its_sources_with_kind_date_and_link()
    {
        var client = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }

        var json = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "samples", "policies", "examples", "suqian-2024.json"));
        var response = await YibaoWebFactory.PostFormAsync(client, "/Policies/Edit", "/Policies/Edit", [new("Json", json)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location));
        html.ShouldContain("宿迁市医疗救助标准（常见问题）");
        html.ShouldContain("官方页面");
        html.ShouldContain("发布于 2024-05");
        html.ShouldContain("href=\"https://suqian.gov.cn/cnsq/cjwt7/202405/75e853869b7b46a3832fd12f78fa6e0e.shtml\"");
    }

    [Fact]
    public async Task Catalog_template_downloads_as_excel()
    {
        var client = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var response = await client.GetAsync("/Catalogs/Import?handler=Template");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
}
