using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Yibao.Domain.Admin;

namespace Yibao.Web.Tests;

public sealed partial class BudgetPageTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private const string FinanceName = "caiwu";
    private const string FinancePassword = "Caiwu-Pass-2024";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task<HttpClient> FinanceAsync(string name)
    {
        await factory.CreateUserAsync(name, "王财务", FinancePassword, [Roles.Finance], mustChangePassword: false);
        return await factory.LoginAsync(name, FinancePassword);
    }

    private static async Task<long> ImportAsync(HttpClient client, string json)
    {
        var response = await YibaoWebFactory.PostFormAsync(client, "/Budget/Import", "/Budget/Import", [new("Json", json)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var location = response.Headers.Location!.ToString();
        return long.Parse(IdRegex().Match(location).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> StatusAsync(HttpClient client, long id, string target, params KeyValuePair<string, string>[] extra)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"/Budget/View?id={id}");
        return YibaoWebFactory.PostFormAsync(client, url, url + "&handler=Status", [new("target", target), .. extra]);
    }

    [Fact]
    public async Task Finance_imports_sees_findings_and_publishing_with_errors_is_refused_in_Chinese()
    {
        var client = await FinanceAsync(FinanceName + "1");
        var id = await ImportAsync(client, SmallBudget.Json(projectAmount: 250000m, year: Today.Year, version: 1));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Budget/View?id={id}"));
        page.ShouldContain("BGT-SOURCE");
        page.ShouldContain("编制中");

        (await StatusAsync(client, id, "已报送")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var noDate = WebUtility.HtmlDecode(await (await StatusAsync(client, id, "已批复")).Content.ReadAsStringAsync());
        noDate.ShouldContain("批复日期：改为“已批复”时必填");
        (await StatusAsync(client, id, "已批复", KeyValuePair.Create("approvedOn", Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await StatusAsync(client, id, "已公开");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("公开：预算校验有");

        var bad = await YibaoWebFactory.PostFormAsync(client, "/Budget/Import", "/Budget/Import", [new("Json", "{\"format\":\"yibao-budget/1\",\"phase\":\"季度\"}")]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("格式不正确");
    }

    [Fact]
    public async Task Finance_publishes_a_clean_budget_and_anonymous_reads_it_on_the_public_page()
    {
        var client = await FinanceAsync(FinanceName + "2");
        var id = await ImportAsync(client, SmallBudget.Json(year: Today.Year, version: 2));
        (await StatusAsync(client, id, "已报送")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(client, id, "已批复", KeyValuePair.Create("approvedOn", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(client, id, "已公开")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var list = await client.GetStringAsync("/Budget");
        list.ShouldContain("已公开");
        foreach (var format in new[] { "html", "docx", "xlsx", "fdp" })
        {
            var file = await client.GetAsync($"/Budget/View?id={id}&handler=Download&format={format}&profile=national");
            file.StatusCode.ShouldBe(HttpStatusCode.OK, format);
            (await file.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100);
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            var pdf = await client.GetAsync($"/Budget/View?id={id}&handler=Download&format=pdf");
            pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
            pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        }
        var excel = await client.GetAsync("/Budget?handler=Export");
        excel.StatusCode.ShouldBe(HttpStatusCode.OK);
        excel.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var anonymous = factory.NewClient();
        var pub = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/public/disclosures"));
        pub.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"示范县医疗保障局{Today.Year}年预算"));
        pub.ShouldContain("/public/disclosure-check");
        var one = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/public/disclosures/{id}"));
        one.ShouldContain("部门收支总表");
        one.ShouldContain("公开报表");
    }

    [Fact]
    public async Task Clerk_gets_403_and_anonymous_is_sent_to_login_for_staff_budget_pages()
    {
        var clerk = await factory.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        (await clerk.GetAsync("/Budget")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.GetAsync("/Budget/Import")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var anonymous = factory.NewClient();
        var r = await anonymous.GetAsync("/Budget");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await anonymous.GetAsync("/public/disclosures")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/public/disclosures/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Leader_reads_but_cannot_import_or_change_status()
    {
        await factory.CreateUserAsync("lingdao", "赵局长", FinancePassword, [Roles.Leader], mustChangePassword: false);
        var leader = await factory.LoginAsync("lingdao", FinancePassword);
        (await leader.GetAsync("/Budget")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await leader.GetAsync("/Budget/Import")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var finance = await FinanceAsync(FinanceName + "3");
        var id = await ImportAsync(finance, SmallBudget.Json(year: Today.Year, version: 3));
        (await leader.GetAsync($"/Budget/View?id={id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StatusAsync(leader, id, "已报送")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_sample_with_prior_year_figures_shows_the_comparison_chart_data_and_the_province_tables()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples", "budgets")))
        {
            dir = dir.Parent;
        }
        var json = await File.ReadAllTextAsync(Path.Combine(dir!.FullName, "samples", "budgets", "zhenan-2023.json"), TestContext.Current.CancellationToken);
        var client = await FinanceAsync(FinanceName + "4");
        var id = await ImportAsync(client, json);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Budget/View?id={id}"));
        html.ShouldContain("id=\"budget-compare\"");
        html.ShouldContain("data-budget-chart");
        html.ShouldContain("工资福利支出（301）");
        html.ShouldContain("陕西 15 张表");
        html.ShouldContain("budget-findings");
    }

    [GeneratedRegex(@"id=(\d+)")]
    private static partial Regex IdRegex();
}
