using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;

namespace Yibao.Web.Tests;

/// <summary>参保登记批量导入 page: 经办员 only, templates, the row-by-row error table, the success summary.</summary>
public sealed class PersonImportPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private const string Page = "/Registry/Persons/Import";

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string fileName = "人员.csv") =>
        UploadAsync(client, Encoding.UTF8.GetBytes(csv), fileName);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var token = await YibaoWebFactory.GetTokenAsync(client, Page);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Upload", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(Page, form);
    }

    [Fact]
    public async Task Only_clerks_open_the_page_others_get_403()
    {
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var html = await clerk.GetStringAsync(Page);
        html.ShouldContain("参保登记批量导入");
        html.ShouldContain("下载 Excel 模板");

        foreach (var role in new[] { Roles.Finance, Roles.Leader })
        {
            var name = "i" + Guid.NewGuid().ToString("N")[..8];
            await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
            var other = await app.LoginAsync(name, "Test-Pass-2024");
            (await other.GetAsync(Page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }

        var anonymous = app.NewClient();
        (await anonymous.GetAsync(Page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Templates_download_as_excel_and_csv()
    {
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var xlsx = await clerk.GetAsync(Page + "?handler=Template");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await xlsx.Content.ReadAsByteArrayAsync())[..2].ShouldBe("PK"u8.ToArray());
        var csv = await clerk.GetStringAsync(Page + "?handler=Template&format=csv");
        csv.ShouldContain("证件号码,姓名,统筹区,户号,联系电话,住址,险种,人员类别,参保日期,单位编号");
    }

    [Fact]
    public async Task Bad_rows_are_listed_in_a_table_and_nothing_is_imported_then_a_good_file_is()
    {
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var a = ResidentId.Create("519998", new DateOnly(1980, 2, 3), 501).Value;
        var b = ResidentId.Create("519998", new DateOnly(1981, 2, 3), 502).Value;
        var bad = a[..17] + (a[17] == '1' ? '2' : '1');
        const string header = "证件号码,姓名,统筹区,户号,联系电话,住址,险种,人员类别,参保日期,单位编号\n";

        var response = await UploadAsync(clerk, header + $"{b},导入乙,519998,,,,390,22,2025-01-01,\n{bad},导入甲,519998,,,,390,99,2025-01-01,\n");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"import-errors\"");
        html.ShouldContain("有 2 处错误，未导入任何数据");
        html.ShouldContain("<td>第 3 行</td><td>证件号码</td><td>公民身份号码校验码错误");
        html.ShouldContain("<td>第 3 行</td><td>人员类别</td>");
        (await clerk.GetStringAsync("/Registry/Persons?q=" + Uri.EscapeDataString("导入乙"))).ShouldContain("没有符合条件的人员");

        var ok = await (await UploadAsync(clerk, header + $"{b},导入乙,519998,,,,390,22,2025-01-01,\n{a},导入甲,519998,,,,390,成年居民,2025-01-01,\n"))
            .Content.ReadAsStringAsync();
        ok.ShouldContain("id=\"import-result\"");
        ok.ShouldContain("人员 2 人，参保记录 2 条");
        (await clerk.GetStringAsync("/Registry/Persons?q=" + Uri.EscapeDataString("导入乙"))).ShouldNotContain("没有符合条件的人员");
    }
}
