using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Domain.Admin;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;

namespace Yibao.E2E;

/// <summary>
/// A 稽核员 registers a 举报, turns it into a case, files and investigates it and decides 追回 + 违约金; 财务 records both payments;
/// the annual summary shows the institution in breach and the amounts. Screenshots in artifacts/e2e.
/// </summary>
public sealed class SupervisionFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    private static async Task LoginAsync(IPage page, string baseUrl, string user, string password)
    {
        await page.GotoAsync(baseUrl + "/Account/Login");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(baseUrl + "/");
    }

    [Fact]
    public async Task Auditor_opens_a_case_from_a_complaint_decides_recovery_and_penalty_finance_records_payment_and_the_summary_shows_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var staff = sp.GetRequiredService<IStaffDirectory>();
            (await staff.CreateAsync("jihe01", "吴稽核", "Audit-Pass-2026", [Roles.Auditor], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            (await staff.CreateAsync("caiwu02", "郑财务", "Finance-Pass-2026", [Roles.Finance], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            var db = sp.GetRequiredService<AppDbContext>();
            db.Institutions.Add(new Institution { Code = "P13012300088", Name = "示范县仁心大药房", Type = InstitutionType.Pharmacy, PoolAreaCode = "130123" });
            await db.SaveChangesAsync(ct);
        }

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // the suite runs test projects in parallel on 2 cores

        // 稽核员: register the complaint.
        await LoginAsync(page, app.BaseUrl, "jihe01", "Audit-Pass-2026");
        await page.ClickAsync("nav >> text=举报投诉");
        await page.WaitForURLAsync("**/Supervision/Complaints**");
        await page.FillAsync("#ReporterName", "冯举报");
        await page.FillAsync("#ReporterPhone", "13900002222");
        await page.FillAsync("#InstitutionCode", "P13012300088");
        await page.FillAsync("#ComplaintContent", "该药店用医保卡串换生活用品");
        await page.ClickAsync("button:has-text('登记举报')");
        await Assertions.Expect(page.Locator("#complaint-message")).ToContainTextAsync("举报已登记");

        // Turn it into a case.
        await page.FillAsync("#complaint-open-case input[name=Summary]", "串换生活用品");
        await page.ClickAsync("button:has-text('转为案件')");
        await page.WaitForURLAsync("**/Supervision/Case**");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("线索");
        await Assertions.Expect(page.Locator("#case-info")).ToContainTextAsync("举报投诉");

        // 立案 → 调查.
        await page.SelectOptionAsync("#StepAction", "File");
        await page.FillAsync("#step-reason", "举报内容具体，予以立案");
        await page.ClickAsync("#step-form button");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("已立案");
        await page.SelectOptionAsync("#StepAction", "Investigate");
        await page.FillAsync("#step-reason", "调取购药记录");
        await page.ClickAsync("#step-form button");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("调查中");

        // 处理决定: 追回 5550 + 违约金 2 倍.
        await page.FillAsync("#DecisionNo", "示医保稽〔2026〕8号");
        await page.FillAsync("#decide-reason", "串换属实");
        await page.FillAsync("#RecoveryAmount", "5550");
        await page.FillAsync("#PenaltyMultiple", "2");
        await page.ClickAsync("button:has-text('登记处理决定')");
        await Assertions.Expect(page.Locator("#case-message")).ToContainTextAsync("处理决定已登记");
        await Assertions.Expect(page.Locator("tr[data-outcome=Recovery]")).ToContainTextAsync("5,550.00");
        await Assertions.Expect(page.Locator("tr[data-outcome=Penalty]")).ToContainTextAsync("11,100.00");
        var caseUrl = page.Url;
        await page.ScreenshotAsync(new() { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "supervision-case-decided.png"), FullPage = true });

        // 财务: record both payments.
        await page.ClickAsync("button:has-text('退出')");
        await LoginAsync(page, app.BaseUrl, "caiwu02", "Finance-Pass-2026");
        await page.GotoAsync(caseUrl);
        await page.FillAsync("tr[data-outcome=Recovery] input[name=PaymentNo]", "JK2026-001");
        await page.ClickAsync("tr[data-outcome=Recovery] button:has-text('登记到账')");
        await Assertions.Expect(page.Locator("#case-message")).ToContainTextAsync("到账已登记");
        await page.FillAsync("tr[data-outcome=Penalty] input[name=PaymentNo]", "JK2026-002");
        await page.ClickAsync("tr[data-outcome=Penalty] button:has-text('登记到账')");
        await Assertions.Expect(page.Locator("tr[data-outcome=Penalty] .paid")).ToContainTextAsync("已到账");

        // The annual summary shows the pharmacy in breach, the amounts and that they were paid.
        await page.ClickAsync("nav >> text=年度汇总");
        await page.WaitForURLAsync("**/Supervision/Summary**");
        await Assertions.Expect(page.Locator("#summary-narrative")).ToContainTextAsync("定点零售药店 1 家");
        await Assertions.Expect(page.Locator("#summary-narrative")).ToContainTextAsync("追回医保基金 0.56 万元");
        await Assertions.Expect(page.Locator("#summary-narrative")).ToContainTextAsync("违约金 1.11 万元，已全部到账");
        await Assertions.Expect(page.Locator("#summary-breaches")).ToContainTextAsync("示范县仁心大药房");
        await page.ScreenshotAsync(new() { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "supervision-summary.png"), FullPage = true });

        // The ledger: the receivable is cleared, the fund's entries balance.
        using var check = app.Services.CreateScope();
        var lines = await check.ServiceProvider.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().ToListAsync(ct);
        lines.Where(l => l.AccountCode == LedgerAccounts.SupervisionReceivable).Sum(l => l.Debit - l.Credit).ShouldBe(0m);
        lines.Where(l => l.AccountCode == LedgerAccounts.BankIncome && l.Fund == FundCode.ResidentPool).Sum(l => l.Debit).ShouldBe(16650m);
        foreach (var fund in lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit));
        }

        var sc = await check.ServiceProvider.GetRequiredService<AppDbContext>().SupervisionCases.AsNoTracking().SingleAsync(c => c.DecisionNo == "示医保稽〔2026〕8号", ct);
        sc.SourceType.ShouldBe(CaseSourceType.Complaint);
    }
}
