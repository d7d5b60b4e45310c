using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Yibao.Domain.Admin;

namespace Yibao.Web.Tests;

/// <summary>新建预算、按表录入（校验随输入）、Excel 模板、科目表导入：roles and validation.</summary>
public sealed partial class BudgetEntryPageTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private const string Password = "Entry-Pass-2026";

    private async Task<HttpClient> UserAsync(string name, string role)
    {
        await factory.CreateUserAsync(name, "测试" + role, Password, [role], mustChangePassword: false);
        return await factory.LoginAsync(name, Password);
    }

    private static async Task<long> CreateAsync(HttpClient client, string code, int year)
    {
        var r = await YibaoWebFactory.PostFormAsync(client, "/Budget/Create", "/Budget/Create", [
            new("UnitCode", code), new("UnitName", "示范县医疗保障局"), new("Nature", "行政"), new("Year", year.ToString(CultureInfo.InvariantCulture)),
            new("Phase", "预算"), new("Authorized", "10"), new("Actual", "9"), new("Retired", "2"), new("Profile", "national")]);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
        return long.Parse(IdRegex().Match(r.Headers.Location!.ToString()).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Edit(long id, string part, string? handler = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/Budget/Edit?id={id}&part={part}") + (handler is null ? "" : "&handler=" + handler);

    [Fact]
    public async Task Only_finance_creates_and_edits_budgets_and_imports_catalogs_leaders_get_403()
    {
        var finance = await UserAsync("entry-f1", Roles.Finance);
        var id = await CreateAsync(finance, "901101", 2026);
        (await finance.GetAsync(Edit(id, "lines"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await finance.GetAsync("/Budget/Classifications")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var leader = await UserAsync("entry-l1", Roles.Leader);
        foreach (var url in new[] { "/Budget/Create", Edit(id, "lines"), Edit(id, "lines", "Template"), "/Budget/Classifications" })
        {
            (await leader.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }
        (await leader.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/Budget/View?id={id}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var clerk = await UserAsync("entry-c1", Roles.Clerk);
        (await clerk.GetAsync("/Budget/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var bad = await YibaoWebFactory.PostFormAsync(finance, "/Budget/Create", "/Budget/Create", [new("UnitCode", ""), new("UnitName", ""), new("Nature", "行政"), new("Year", "1990"), new("Phase", "预算")]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        html.ShouldContain("单位编码：必填");
        html.ShouldContain("预算年度：应在 2000–2100 之间");
    }

    [Fact]
    public async Task Typing_a_table_returns_findings_naming_the_row_and_saving_applies_it()
    {
        var finance = await UserAsync("entry-f2", Roles.Finance);
        var id = await CreateAsync(finance, "901102", 2026);

        // validation as you type: a bad amount and an unknown function code are named by table, row and column
        var check = await YibaoWebFactory.PostFormAsync(finance, Edit(id, "lines"), Edit(id, "lines", "Check"), [
            new("c0", "2101501"), new("c1", ""), new("c2", "30101"), new("c3", "50101"), new("c4", "一般公共预算拨款"), new("c5", "基本"), new("c6", "人员"), new("c7", ""), new("c8", "12x"), new("c9", ""),
            new("c0", "2101598"), new("c1", ""), new("c2", "30201"), new("c3", "50201"), new("c4", "一般公共预算拨款"), new("c5", "基本"), new("c6", "公用"), new("c7", ""), new("c8", "100"), new("c9", "")]);
        check.StatusCode.ShouldBe(HttpStatusCode.OK);
        var partial = WebUtility.HtmlDecode(await check.Content.ReadAsStringAsync());
        partial.ShouldNotContain("<html");
        partial.ShouldContain("支出明细第1行 金额（元）：“12x”不是数字");
        partial.ShouldContain("预算明细第2行");
        partial.ShouldContain("2101598");
        partial.ShouldContain("行政运行"); // name looked up from the year's catalog for row 1
        partial.ShouldContain("hx-swap-oob");

        // saving with a bad cell is refused, nothing written
        var refused = await YibaoWebFactory.PostFormAsync(finance, Edit(id, "revenue"), Edit(id, "revenue", "Save"), [new("c0", "一般公共预算拨款"), new("c1", "-1")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("收入第1行 金额（元）：不能为负数");

        var saved = await YibaoWebFactory.PostFormAsync(finance, Edit(id, "revenue"), Edit(id, "revenue", "Save"), [new("c0", "一般公共预算拨款"), new("c1", "1,000,000")]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await finance.GetStringAsync(Edit(id, "revenue")));
        page.ShouldContain("value=\"1000000\"");
        page.ShouldContain("TBL-BALANCE");

        // 绩效目标 are entered on their own table and shown on the budget page
        var targets = await YibaoWebFactory.PostFormAsync(finance, Edit(id, "targets"), Edit(id, "targets", "Save"), [
            new("c0", ""), new("c1", "提高参保质量"), new("c2", "产出指标"), new("c3", "数量指标"), new("c4", "基本医疗保险参保人数"), new("c5", ""),
            new("c6", "≥"), new("c7", "25"), new("c8", "万人"), new("c9", ""), new("c10", "20")]);
        targets.StatusCode.ShouldBe(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await targets.Content.ReadAsStringAsync()));
        WebUtility.HtmlDecode(await finance.GetStringAsync(Edit(id, "targets"))).ShouldContain("value=\"基本医疗保险参保人数\"");

        var template = await finance.GetAsync(Edit(id, "revenue", "Template"));
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        template.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var notXlsx = await UploadAsync(finance, Edit(id, "revenue"), Edit(id, "revenue", "Excel"), "upload", Encoding.UTF8.GetBytes("x"), "budget.csv");
        WebUtility.HtmlDecode(await notXlsx.Content.ReadAsStringAsync()).ShouldContain("文件：只支持 .xlsx");
        var broken = await UploadAsync(finance, Edit(id, "revenue"), Edit(id, "revenue", "Excel"), "upload", Encoding.UTF8.GetBytes("not a zip"), "budget.xlsx");
        broken.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()).ShouldContain("文件：无法读取");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string post, string field, byte[] bytes, string fileName)
    {
        var token = await YibaoWebFactory.GetTokenAsync(client, page);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(post, form);
    }

    [Fact]
    public async Task Finance_imports_a_classification_catalog_and_row_errors_are_listed()
    {
        var finance = await UserAsync("entry-f3", Roles.Finance);
        var bad = await UploadAsync(finance, "/Budget/Classifications", "/Budget/Classifications", "Upload",
            Encoding.UTF8.GetBytes("年度,分类类型,编码,名称,上级编码,对应政府经济分类\n2031,功能,210,卫生健康支出,,\n2031,功能,2101,x,,\n"), "cls.csv");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("第3行 编码：功能分类编码应为 2 开头的 3、5 或 7 位数字，实为“2101”");

        var ok = await UploadAsync(finance, "/Budget/Classifications", "/Budget/Classifications", "Upload",
            Encoding.UTF8.GetBytes("年度,分类类型,编码,名称,上级编码,对应政府经济分类\n2031,功能,210,卫生健康支出,,\n2031,功能,21015,医疗保障管理事务,210,\n"), "cls.csv");
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await finance.GetStringAsync(ok.Headers.Location!.ToString()));
        page.ShouldContain("已导入“cls.csv”：2031 年功能分类 2 个科目");
        page.ShouldContain("医疗保障管理事务");
    }

    [GeneratedRegex(@"id=(\d+)")]
    private static partial Regex IdRegex();
}
