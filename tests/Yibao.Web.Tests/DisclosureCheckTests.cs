using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using MiniExcelLibs;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Yibao.Web.Tests;

/// <summary>预决算公开检查 pages: public upload (anonymous), staff page (login), highlighting, downloads, Chinese errors.</summary>
public sealed partial class DisclosureCheckTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private const string PublicUrl = "/public/disclosure-check";
    private const string Title = "示范县医疗保障局2023年部门预算公开";

    // 基本支出 60.15 ≠ 人员经费 50 + 公用经费 10 (= 60.00): one 错误 in the narrative
    private const string Narrative = "2023年支出预算100.15万元，其中：基本支出60.15万元，包括人员经费50万元和公用经费10万元；项目支出40万元。";

    private static string TxtDocument => Title + "\n\n" + Narrative + "\n";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string pageUrl, string fileName, byte[] content)
    {
        var token = await YibaoWebFactory.GetTokenAsync(client, pageUrl);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Upload", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(pageUrl, form);
    }

    [Fact]
    public async Task Public_page_is_anonymous_shows_the_agency_and_highlights_the_error()
    {
        var client = app.NewClient();
        var get = await client.GetAsync(PublicUrl);
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await get.Content.ReadAsStringAsync();
        page.ShouldContain("示范县医疗保障局");
        page.ShouldContain("预决算公开自查");
        page.ShouldNotContain("主导航"); // the public layout, not the staff one

        var response = await UploadAsync(client, PublicUrl, "自查.txt", Encoding.UTF8.GetBytes(TxtDocument));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("SUM-BASIC");
        html.ShouldContain("<span class=\"badge text-bg-danger\" id=\"count-error\">1</span>");
        // the sentence is marked at its line, and the findings list links to it
        html.ShouldMatch("<mark class=\"yb-hl yb-hl-error\" data-findings=\"1\"[^>]*>[^<]*基本支出60.15万元");
        html.ShouldContain("href=\"#L3\"");
        html.ShouldContain("id=\"L3\"");
    }

    [Fact]
    public async Task Public_home_and_disclosure_list_link_to_the_public_checker()
    {
        var anonymous = app.NewClient();
        var home = await anonymous.GetAsync("/public");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await home.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"link-disclosure-check\"");
        html.ShouldMatch("<a [^>]*href=\"/public/disclosure-check\"[^>]*id=\"link-disclosure-check\"");
        html.ShouldContain("href=\"/public/disclosures\"");
        html.ShouldNotContain("主导航");

        var list = await anonymous.GetStringAsync("/public/disclosures");
        list.ShouldContain("href=\"/public/disclosure-check\"");
        // every public page carries the portal navigation, so the checker is one click away from anywhere in /public
        list.ShouldMatch("<nav [^>]*id=\"public-nav\"[\\s\\S]*href=\"/public/disclosure-check\"");

        // the link leads to the anonymous checker
        (await anonymous.GetAsync("/public/disclosure-check")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_page_requires_login_and_is_in_the_navigation()
    {
        var anonymous = app.NewClient();
        var response = await anonymous.GetAsync("/Disclosure/Check");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");

        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var page = await clerk.GetStringAsync("/Disclosure/Check");
        page.ShouldContain("预决算公开检查");
        page.ShouldContain("公开检查"); // navigation item
        var upload = await UploadAsync(clerk, "/Disclosure/Check", "a.md", Encoding.UTF8.GetBytes(TxtDocument));
        (await upload.Content.ReadAsStringAsync()).ShouldContain("SUM-BASIC");
    }

    [Fact]
    public async Task Docx_with_a_wrong_table_total_shows_the_cell_highlighted()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new W.Body();
            static W.Paragraph P(string s) => new(new W.Run(new W.Text(s)));
            body.Append(P(Title), P("一般公共预算支出表"), P("单位：万元"));
            string[][] rows =
            [
                ["科目编码", "科目名称", "合计"],
                ["210", "卫生健康支出", "100.00"],
                ["21015", "医疗保障管理事务", "100.00"],
                ["2101501", "行政运行", "60.00"],
                ["2101506", "医疗保障经办事务", "30.00"], // 60 + 30 = 90 ≠ 100
            ];
            var table = new W.Table();
            foreach (var row in rows)
            {
                table.Append(new W.TableRow(row.Select(c => new W.TableCell(P(c))).ToArray<OpenXmlElement>()));
            }
            body.Append(table, P("以上为支出表。"));
            main.Document = new W.Document(body);
        }
        var client = app.NewClient();
        var response = await UploadAsync(client, PublicUrl, "表格.docx", stream.ToArray());
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("TBL-SUM");
        var cell = CellHighlight().Match(html);
        cell.Success.ShouldBeTrue("a table cell is highlighted as 错误");
        cell.Groups["text"].Value.Trim().ShouldBe("100.00");
        html.ShouldContain($"href=\"#{cell.Groups["id"].Value}\"");
    }

    [Fact]
    public async Task Excel_report_opens_with_MiniExcel()
    {
        var client = app.NewClient();
        var token = await YibaoWebFactory.GetTokenAsync(client, PublicUrl);
        var response = await client.PostAsync(PublicUrl + "?handler=Excel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Text"] = TxtDocument,
            ["DocumentName"] = "自查.txt",
            ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        MiniExcel.GetSheetNames(xlsx).ShouldBe(["问题清单", "文档概要"]);
        var findings = xlsx.Query(useHeaderRow: true, sheetName: "问题清单").Cast<IDictionary<string, object?>>().ToList();
        findings.ShouldContain(r => (string?)r["规则"] == "SUM-BASIC" && (string?)r["严重程度"] == "错误" && (string?)r["差额"] == "0.15万元");
        var summary = xlsx.Query(useHeaderRow: true, sheetName: "文档概要").Cast<IDictionary<string, object?>>().Single();
        summary["文档"].ShouldBe("自查.txt");
        Convert.ToInt32(summary["错误"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1);
    }

    [Fact]
    public async Task Pdf_report_or_a_clear_message_what_to_install()
    {
        var client = app.NewClient();
        var token = await YibaoWebFactory.GetTokenAsync(client, PublicUrl);
        var response = await client.PostAsync(PublicUrl + "?handler=Pdf", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Text"] = TxtDocument,
            ["DocumentName"] = "自查.txt",
            ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        if (File.Exists("/usr/bin/chromium"))
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        }
        else
        {
            (await response.Content.ReadAsStringAsync()).ShouldContain("apt-get install chromium fonts-noto-cjk");
        }
    }

    [Theory]
    [InlineData("报告.xlsx", "文件：不支持的文件类型“.xlsx”")]
    [InlineData("空.txt", "文件：文件是空的")]
    [InlineData("坏.pdf", "文件：无法读取")]
    public async Task Bad_uploads_get_a_Chinese_error_naming_the_field(string fileName, string message)
    {
        var client = app.NewClient();
        var content = fileName.StartsWith('空') ? [] : Encoding.UTF8.GetBytes("不是 PDF");
        var response = await UploadAsync(client, PublicUrl, fileName, content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain(message);
        html.ShouldNotContain("SUM-");
    }

    [GeneratedRegex("<td id=\"(?<id>L\\d+C\\d+)\" class=\"yb-hl yb-hl-error\"[^>]*>(?<text>[^<]*)<")]
    private static partial Regex CellHighlight();
}
