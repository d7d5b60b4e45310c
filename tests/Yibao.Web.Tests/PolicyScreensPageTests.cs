using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Yibao.Domain.Admin;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>
/// The policy screens: 居民医保筹资标准 (/Contributions/ResidentPolicies) and 待遇享受期规则 (/Contributions/WaitingRules) —
/// roles (经办员 and 系统管理员 edit, 财务 reads, others 403), Chinese validation messages naming the field, view / edit / new year.
/// </summary>
public sealed class PolicyScreensPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private const string Area = "527777";
    private static readonly string[] Pages = ["/Contributions/ResidentPolicies", "/Contributions/WaitingRules"];

    private async Task SeedAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Areas.AnyAsync(a => a.Code == Area, TestContext.Current.CancellationToken))
        {
            db.Areas.Add(new Area { Code = Area, Name = "政策测试县", Level = AreaLevel.County });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }

    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "p" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    private static async Task<string> TextAsync(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task Clerk_and_admin_edit_finance_reads_others_are_refused()
    {
        await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var admin = await app.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var finance = await UserWithRoleAsync(Roles.Finance);
        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        foreach (var url in Pages)
        {
            (await clerk.GetStringAsync(url, ct)).ShouldContain("id=\"PoolAreaCode\"", customMessage: url);
            (await admin.GetStringAsync(url, ct)).ShouldContain("id=\"PoolAreaCode\"", customMessage: url);
            var read = await finance.GetStringAsync(url, ct);
            read.ShouldNotContain("id=\"PoolAreaCode\"", customMessage: url);
            (await reviewer.GetAsync(url, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);

            // Excel export of the list, for readers too.
            read.ShouldContain("导出 Excel", customMessage: url);
            var export = await finance.GetAsync(url + "?handler=Export", ct);
            export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", url);
            await using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync(ct));
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var stored = url.EndsWith("ResidentPolicies", StringComparison.Ordinal)
                    ? await db.ResidentContributionPolicies.CountAsync(ct)
                    : await db.WaitingPeriodRules.CountAsync(ct);
                rows.Count.ShouldBe(stored, url); // one row per stored policy / rule, whatever the other tests saved first
            }

            var token = await YibaoWebFactory.GetTokenAsync(finance, url);
            (await finance.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("PoolAreaCode", Area)]), ct))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        var menu = await clerk.GetStringAsync("/Contributions/ResidentPolicies", ct);
        menu.ShouldContain("居民筹资标准");
        menu.ShouldContain("待遇享受期");
    }

    [Fact]
    public async Task Resident_financing_policy_validation_save_edit_and_next_year()
    {
        await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        const string page = "/Contributions/ResidentPolicies";

        var bad = await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Year", "2027"), new("IndividualAmount", "abc"), new("SubsidyAmount", "670"),
             new("CollectionFrom", "2026-12-31"), new("CollectionTo", ""), new("Sponsored[2]", "-5")]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await TextAsync(bad);
        html.ShouldContain("个人缴费：“abc”不是数字");
        html.ShouldContain("集中征缴期结束：请填写有效日期");

        var over = await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Year", "2027"), new("IndividualAmount", "400"), new("SubsidyAmount", "670"),
             new("CollectionFrom", "2026-09-01"), new("CollectionTo", "2026-12-31"), new("Sponsored[1]", "450"), new("Sponsored[2]", "-5")]);
        var overHtml = await TextAsync(over);
        overHtml.ShouldContain("代缴金额（特困人员）：450.00 元超过个人缴费 400.00 元");
        overHtml.ShouldContain("代缴金额（低保对象）：须为不小于 0 的金额，精确到分");

        var saved = await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Year", "2027"), new("IndividualAmount", "400"), new("SubsidyAmount", "670"),
             new("CollectionFrom", "2026-09-01"), new("CollectionTo", "2026-12-31"), new("Sponsored[1]", "400"), new("Sponsored[2]", "200")]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await clerk.GetStringAsync(page, ct);
        list.ShouldContain("特困人员 400.00 元（全额）");
        list.ShouldContain("以此新建 2028 年度");

        // Edit: the form comes filled; a change of the subsidy is saved on the same row.
        var edit = WebUtility.HtmlDecode(await clerk.GetStringAsync(page + "?area=" + Area + "&year=2027", ct));
        edit.ShouldContain("修改 2027 年度筹资标准");
        edit.ShouldContain("value=\"670.00\"");
        (await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Year", "2027"), new("IndividualAmount", "400"), new("SubsidyAmount", "690"),
             new("CollectionFrom", "2026-09-01"), new("CollectionTo", "2026-12-31"), new("Sponsored[1]", "400"), new("Sponsored[2]", "200")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // New year from the last one: amounts copied, 集中征缴期 moved a year.
        var next = WebUtility.HtmlDecode(await clerk.GetStringAsync(page + "?area=" + Area + "&year=2027&next=true", ct));
        next.ShouldContain("新增年度筹资标准");
        next.ShouldContain("value=\"2028\"");
        next.ShouldContain("value=\"2027-09-01\"");
        (await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Year", "2028"), new("IndividualAmount", "420"), new("SubsidyAmount", "700"),
             new("CollectionFrom", "2027-09-01"), new("CollectionTo", "2027-12-31"), new("Sponsored[1]", "420")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.ResidentContributionPolicies.AsNoTracking().Where(p => p.PoolAreaCode == Area).OrderBy(p => p.Year).ToListAsync(ct);
        stored.Select(p => (p.Year, p.IndividualAmount, p.SubsidyAmount)).ShouldBe([(2027, 400m, 690m), (2028, 420m, 700m)]);
        stored[0].Sponsored.OrderBy(s => s.Status).Select(s => (s.Status, s.Amount)).ShouldBe([(SpecialStatusType.Destitute, 400m), (SpecialStatusType.MinimumLiving, 200m)]);
    }

    [Fact]
    public async Task Waiting_rules_validation_add_and_edit()
    {
        await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        const string page = "/Contributions/WaitingRules";

        var bad = await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Insutype", "390"), new("EffectiveFrom", "2024-01-01"), new("RequiresContribution", "true"),
             new("LateMonths", "30"), new("InterruptionMonths", ""), new("GraceMonths", "3")]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await TextAsync(bad);
        html.ShouldContain("中断后等待期：请填写月数（0–24）");

        var range = await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Insutype", "390"), new("EffectiveFrom", "2024-01-01"), new("RequiresContribution", "true"),
             new("LateMonths", "30"), new("InterruptionMonths", "3"), new("GraceMonths", "3")]);
        (await TextAsync(range)).ShouldContain("首次缴费等待期：须在 0–24 个月之间");

        var added = await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Insutype", "390"), new("EffectiveFrom", "2024-01-01"), new("RequiresContribution", "true"),
             new("LateMonths", "3"), new("InterruptionMonths", "3"), new("GraceMonths", "3"), new("ExemptStatuses", "1"), new("ExemptCategories", "21")]);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        long id;
        using (var scope = app.Services.CreateScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().WaitingPeriodRules.Where(r => r.PoolAreaCode == Area).Select(r => r.Id).SingleAsync(ct);
        }

        var list = await clerk.GetStringAsync(page, ct);
        list.ShouldContain("特困人员、学生/儿童");

        // An earlier or equal date than the current rule is refused: a new rule must be later.
        var earlier = await YibaoWebFactory.PostFormAsync(clerk, page, page,
            [new("PoolAreaCode", Area), new("Insutype", "390"), new("EffectiveFrom", "2023-01-01"), new("RequiresContribution", "true"),
             new("LateMonths", "3"), new("InterruptionMonths", "3"), new("GraceMonths", "3")]);
        (await TextAsync(earlier)).ShouldContain("生效日期：已有 2023-01-01 或之后生效的规则");

        // Edit the numbers of the stored rule.
        var form = WebUtility.HtmlDecode(await clerk.GetStringAsync(page + "?id=" + id, ct));
        form.ShouldContain("修改规则");
        (await YibaoWebFactory.PostFormAsync(clerk, page + "?id=" + id, page,
            [new("Id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("RequiresContribution", "true"),
             new("LateMonths", "6"), new("InterruptionMonths", "6"), new("GraceMonths", "2"), new("ExemptStatuses", "1"), new("ExemptStatuses", "2")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var scope = app.Services.CreateScope())
        {
            var rule = await scope.ServiceProvider.GetRequiredService<AppDbContext>().WaitingPeriodRules.AsNoTracking().SingleAsync(r => r.Id == id, ct);
            rule.WaitingMonthsAfterLateFirstContribution.ShouldBe(6);
            rule.InterruptionGraceMonths.ShouldBe(2);
            rule.ExemptStatuses.ShouldBe([SpecialStatusType.Destitute, SpecialStatusType.MinimumLiving]);
            rule.ExemptCategories.ShouldBeEmpty();
            rule.EffectiveFrom.ShouldBe(new DateOnly(2024, 1, 1));
        }
    }
}
