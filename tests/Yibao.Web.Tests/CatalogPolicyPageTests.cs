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
    public async Task Catalog_template_downloads_as_excel()
    {
        var client = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var response = await client.GetAsync("/Catalogs/Import?handler=Template");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
}
