using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Yibao.Web.Tests;

/// <summary>诊断与手术操作目录 page: readers search and export; only 系统管理员 imports, all-or-nothing with row errors.</summary>
public sealed class CatalogCodesPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string csv)
    {
        var page = "/Catalogs/Codes?kind=" + kind;
        var token = await YibaoWebFactory.GetTokenAsync(client, page);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "codes.csv");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(page, form);
    }

    [Fact]
    public async Task Administrator_imports_procedures_bad_rows_first_then_a_good_file_and_a_clerk_finds_them()
    {
        var admin = await app.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var bad = WebUtility.HtmlDecode(await (await UploadAsync(admin, "oprn", "oprn_oprt_code,oprn_oprt_name\r\n47.0901,阑尾切除术\r\n47.0901,重复\r\n,无编码\r\n")).Content.ReadAsStringAsync());
        bad.ShouldContain("有 2 处错误，未导入任何数据");
        bad.ShouldContain("编码“47.0901”在文件中重复");
        bad.ShouldContain("oprn_oprt_code");

        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        (await clerk.GetStringAsync("/Catalogs/Codes?kind=oprn&q=47.09")).ShouldContain("没有符合条件的条目");

        var good = WebUtility.HtmlDecode(await (await UploadAsync(admin, "oprn", "oprn_oprt_code,oprn_oprt_name\r\n47.0901,腹腔镜阑尾切除术\r\n47.0902,阑尾周围脓肿引流术\r\n")).Content.ReadAsStringAsync());
        good.ShouldContain("新增 2 条");

        var found = WebUtility.HtmlDecode(await clerk.GetStringAsync("/Catalogs/Codes?kind=oprn&q=阑尾"));
        found.ShouldContain("47.0901");
        found.ShouldContain("阑尾周围脓肿引流术");
        found.ShouldNotContain("导入手术操作目录");

        var export = await clerk.GetAsync("/Catalogs/Codes?handler=Export&kind=oprn&q=47.09");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await export.Content.ReadAsByteArrayAsync())[..2].ShouldBe("PK"u8.ToArray());
    }

    [Fact]
    public async Task Clerk_cannot_import_and_diagnoses_template_has_national_columns()
    {
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        (await UploadAsync(clerk, "diag", "diag_code,diag_name\r\nJ18.900,肺炎\r\n")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.GetStringAsync("/Catalogs/Codes?kind=diag&q=J18.900")).ShouldContain("没有符合条件的条目");
        (await clerk.GetStringAsync("/Catalogs/Codes?handler=Template&kind=diag")).ShouldContain("diag_code,diag_name");
    }
}
