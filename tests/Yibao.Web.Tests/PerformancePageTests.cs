using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>绩效 screens: roles (财务 writes, 局领导 reads, others refused), binding, self-evaluation submit and Excel export.</summary>
public sealed partial class PerformancePageTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private const string Password = "Perf-Pass-2026";

    private static readonly int Year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

    internal static string BudgetJson(int year, int version) => $$"""
        {
          "format": "yibao-budget/1",
          "unit": { "code": "901077", "name": "示范县医疗保障局", "nature": "行政", "staffing": { "authorized": 10, "actual": 9, "retired": 2 } },
          "year": {{year.ToString(CultureInfo.InvariantCulture)}}, "phase": "预算", "version": {{version.ToString(CultureInfo.InvariantCulture)}}, "status": "编制中", "profile": "national",
          "revenue": [ { "source": "一般公共预算拨款", "amount": 1000000 } ],
          "lines": [
            { "function": "2101501", "deptEconomic": "30101", "govEconomic": "50101", "source": "一般公共预算拨款", "type": "基本", "kind": "人员", "amount": 1000000 }
          ],
          "projects": [],
          "unitTarget": { "goal": "全面履职", "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "name": "基本医保参保人数", "operator": "≥", "value": "2", "unit": "人", "weight": 50 },
            { "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度", "operator": "≥", "value": "90", "unit": "%", "weight": 50 } ] }
        }
        """;

    private async Task<HttpClient> UserAsync(string name, string role)
    {
        await factory.CreateUserAsync(name, "测试" + role, Password, [role], mustChangePassword: false);
        return await factory.LoginAsync(name, Password);
    }

    private async Task SeedEnrollmentAsync(int n)
    {
        await factory.WithServiceAsync<int, AppDbContext>(async ctx =>
        {
            var p = Person.FromResidentId(ResidentId.Create("130123", new DateOnly(1980, 1, 1).AddDays(n), 500 + n), "WP" + n.ToString(CultureInfo.InvariantCulture), "参保人" + n.ToString(CultureInfo.InvariantCulture), "130123");
            ctx.Persons.Add(p);
            await ctx.SaveChangesAsync();
            ctx.Enrollments.Add(Enrollment.Register(p.Id, InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(Year - 1, 1, 1), "130123"));
            return await ctx.SaveChangesAsync();
        });
    }

    private static async Task<long> ImportAsync(HttpClient client, string json)
    {
        var response = await YibaoWebFactory.PostFormAsync(client, "/Budget/Import", "/Budget/Import", [new("Json", json)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        return long.Parse(IdRegex().Match(response.Headers.Location!.ToString()).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Url(long id, string? handler = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/Performance/Budget?id={id}") + (handler is null ? "" : "&handler=" + handler);

    [Fact]
    public async Task Finance_binds_sees_the_live_value_submits_and_exports_while_leader_only_reads()
    {
        await SeedEnrollmentAsync(1);
        var finance = await UserAsync("perf-caiwu", Roles.Finance);
        var id = await ImportAsync(finance, BudgetJson(Year, 1));
        WebUtility.HtmlDecode(await finance.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/Budget/View?id={id}"))).ShouldContain("/Performance/Budget?id=" + id.ToString(CultureInfo.InvariantCulture));

        var bind = await YibaoWebFactory.PostFormAsync(finance, Url(id), Url(id, "Bind"), [new("path", "unit/0"), new("binding", "enrolled-basic")]);
        bind.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var badBind = await YibaoWebFactory.PostFormAsync(finance, Url(id), Url(id, "Bind"), [new("path", "unit/1"), new("binding", "manual")]);
        WebUtility.HtmlDecode(await badBind.Content.ReadAsStringAsync()).ShouldContain("佐证说明：手工指标“服务对象满意度”须写明佐证");

        var page = WebUtility.HtmlDecode(await finance.GetStringAsync(Url(id)));
        page.ShouldContain("基本医疗保险参保人数 1 人（截至");
        page.ShouldContain("保存绑定");
        page.ShouldContain("formaction=\"/Performance/Budget?id=" + id.ToString(CultureInfo.InvariantCulture) + "&asOf=");

        KeyValuePair<string, string>[] inputs = [new("inputs[0].Path", "unit/0"), new("inputs[1].Path", "unit/1"), new("inputs[1].ManualActual", "85")];
        var refused = await YibaoWebFactory.PostFormAsync(finance, Url(id), Url(id, "Submit"), inputs);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refusedHtml.ShouldContain("偏差原因（基本医保参保人数）：未达成的指标须填写偏差原因");
        refusedHtml.ShouldContain("value=\"85\"");

        var ok = await YibaoWebFactory.PostFormAsync(finance, Url(id), Url(id, "Submit"),
            [.. inputs, new("inputs[0].Reason", "年中参保未完成"), new("inputs[1].Reason", "调查样本偏少")]);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync()));
        var submitted = WebUtility.HtmlDecode(await finance.GetStringAsync(Url(id)));
        submitted.ShouldContain("已提交");
        // 50 × 1/2 + 50 × 85/90 = 25 + 47.22 = 72.22 → 中
        submitted.ShouldContain("<strong id=\"total-score\">72.22</strong>");
        submitted.ShouldContain("<strong id=\"grade\">中</strong>");
        submitted.ShouldNotContain("保存绑定");

        var xlsx = await finance.GetAsync(Url(id, "Export"));
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            rows.Count.ShouldBe(3);
            rows[0]["三级指标"].ShouldBe("基本医保参保人数");
            rows[0]["实际值来源"].ShouldBe("运行指标");
            rows[1]["偏差原因"].ShouldBe("调查样本偏少");
            rows[2]["三级指标"]!.ToString()!.ShouldContain("72.22");
        }

        var leader = await UserAsync("perf-leader", Roles.Leader);
        (await leader.GetAsync("/Performance")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var leaderPage = WebUtility.HtmlDecode(await leader.GetStringAsync(Url(id)));
        leaderPage.ShouldContain("72.22");
        leaderPage.ShouldNotContain("保存绑定");
        (await YibaoWebFactory.PostFormAsync(leader, Url(id), Url(id, "Bind"), [new("path", "unit/0"), new("binding", "")])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await YibaoWebFactory.PostFormAsync(leader, "/Performance", "/Performance?handler=Baseline", [new("year", "2026"), new("population", "5"), new("source", "x")])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var clerk = await UserAsync("perf-clerk", Roles.Clerk);
        (await clerk.GetAsync("/Performance")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.GetAsync(Url(id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Finance_enters_a_population_baseline_and_bad_input_gets_a_Chinese_error()
    {
        var finance = await UserAsync("perf-caiwu2", Roles.Finance);
        var year = Year.ToString(CultureInfo.InvariantCulture);
        var index = WebUtility.HtmlDecode(await finance.GetStringAsync("/Performance?year=" + year));
        index.ShouldContain("医疗救助人次");
        index.ShouldContain("待遇支付及时率");
        index.ShouldContain("暂不能计算");
        var bad = await YibaoWebFactory.PostFormAsync(finance, "/Performance", "/Performance?handler=Baseline", [new("year", year), new("population", "很多"), new("source", "")]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("人口基数：应为正整数，实为“很多”");
        var noSource = await YibaoWebFactory.PostFormAsync(finance, "/Performance", "/Performance?handler=Baseline", [new("year", year), new("population", "1000"), new("source", "")]);
        WebUtility.HtmlDecode(await noSource.Content.ReadAsStringAsync()).ShouldContain("数据来源：不能为空");
        var ok = await YibaoWebFactory.PostFormAsync(finance, "/Performance", "/Performance?handler=Baseline", [new("year", year), new("population", "1,000"), new("source", "统计公报")]);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = WebUtility.HtmlDecode(await finance.GetStringAsync("/Performance?year=" + year));
        after.ShouldContain("1,000 人");
        after.ShouldContain("来源：统计公报");
    }

    [GeneratedRegex(@"id=(\d+)")]
    private static partial Regex IdRegex();
}
