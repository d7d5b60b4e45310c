using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.E2E;

/// <summary>
/// A 审核员 finds a settlement by the person's ID number and cancels it with a reason from the detail page; then 财务 generates
/// the institution's 月结算单 and records the 拨付 for what is still owed. Screenshots in artifacts/e2e.
/// </summary>
public sealed class SettlementOpsFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
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
    public async Task Reviewer_finds_and_cancels_a_settlement_and_finance_generates_the_statement_and_records_the_disbursement()
    {
        var ct = TestContext.Current.CancellationToken;
        var certno = ResidentId.Create("130123", new DateOnly(1968, 8, 9), 521).Value;
        string cancelId, keptId;
        decimal owed;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var staff = sp.GetRequiredService<IStaffDirectory>();
            (await staff.CreateAsync("shenhe01", "钱审核", "Review-Pass-2026", [Roles.Reviewer], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            (await staff.CreateAsync("caiwu01", "孙财务", "Finance-Pass-2026", [Roles.Finance], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            (await sp.GetRequiredService<Yibao.Infrastructure.Demo.CatalogPolicySeeder>().SeedAsync("130123", ct: ct)).Succeeded.ShouldBeTrue();
            var db = sp.GetRequiredService<AppDbContext>();
            var inst = new Institution { Code = "H13012300077", Name = "示范县城关卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            db.Institutions.Add(inst);
            await db.SaveChangesAsync(ct);
            (await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "周八", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]), ct)).Succeeded.ShouldBeTrue();
            var caller = new InstitutionCaller(inst.Id, inst.Code);
            async Task<SettlementView> Settle(decimal cnt)
            {
                var enc = await sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(certno, "390", "11", new DateOnly(2025, 6, 10)), ct);
                enc.Succeeded.ShouldBeTrue(string.Join("；", enc.Errors.Select(e => e.Message)));
                (await sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(enc.Value!.MdtrtId,
                    [new FeeDetailInput("1", "XJ01CAA040A001010100001", cnt, 12.5m, cnt * 12.5m)]), ct)).Succeeded.ShouldBeTrue();
                var s = await sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(enc.Value.MdtrtId, cnt * 12.5m), ct);
                s.Succeeded.ShouldBeTrue(string.Join("；", s.Errors.Select(e => e.Message)));
                return s.Value!;
            }

            var kept = await Settle(40);
            var cancel = await Settle(8);
            (keptId, cancelId, owed) = (kept.SetlId!, cancel.SetlId!, kept.Setlinfo["hifp_pay"]);
        }

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        // 审核员: search by ID number, open the 100 元 settlement, cancel it with a reason.
        await LoginAsync(page, app.BaseUrl, "shenhe01", "Review-Pass-2026");
        await page.ClickAsync("nav >> text=结算查询");
        await page.WaitForURLAsync("**/Settlement**");
        await page.FillAsync("#Person", certno);
        await page.FillAsync("#Max", "200");
        await page.ClickAsync("button:has-text('查询')");
        var row = page.Locator($"tr[data-setl='{cancelId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"tr[data-setl='{keptId}']")).ToHaveCountAsync(0);
        await row.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync($"**/Settlement/Detail/{cancelId}");
        await Assertions.Expect(page.Locator("#settlement-explanation")).Not.ToBeEmptyAsync();
        await page.FillAsync("#Reason", "费用录入错误，医院申请撤销");
        await page.ClickAsync("button:has-text('撤销结算')");
        await Assertions.Expect(page.Locator("#settlement-message")).ToContainTextAsync("结算已撤销");
        await Assertions.Expect(page.Locator("#settlement-status")).ToHaveTextAsync("已撤销");
        await Assertions.Expect(page.Locator("#settlement-history")).ToContainTextAsync("费用录入错误，医院申请撤销");
        await Assertions.Expect(page.Locator("#settlement-entries")).ToContainTextAsync("冲销");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "settlement-cancelled.png"), FullPage = true });

        // 财务 (own browser context): the month's statement nets the cancellation; record the 拨付 of what is owed.
        page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        await LoginAsync(page, app.BaseUrl, "caiwu01", "Finance-Pass-2026");
        await page.ClickAsync("nav >> text=月结算单");
        await page.WaitForURLAsync("**/Funds/Statements**");
        await page.FillAsync("#Institution", "H13012300077");
        await page.ClickAsync("button:has-text('生成结算单')");
        await Assertions.Expect(page.Locator("#statement-title")).ToContainTextAsync("示范县城关卫生院");
        await Assertions.Expect(page.Locator("#statement-fields tr[data-field='count']")).ToContainTextAsync("2");
        var ownedText = Money.FormatYuan(owed);
        await Assertions.Expect(page.Locator("#statement-funds")).ToContainTextAsync(ownedText);
        await page.FillAsync("#Amount", owed.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#DisbursementNo", "BF202611-001");
        await page.ClickAsync("button:has-text('登记拨付')");
        await Assertions.Expect(page.Locator("#statement-message")).ToContainTextAsync("拨付已登记");
        await Assertions.Expect(page.Locator("#statement-disbursements")).ToContainTextAsync("BF202611-001");
        await Assertions.Expect(page.Locator("#disburse-form")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "statement-disbursed.png"), FullPage = true });

        using var check = app.Services.CreateScope();
        var stored = await check.ServiceProvider.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync(s => s.SetlId == cancelId, ct);
        stored.CancelledBy.ShouldBe("shenhe01");
    }
}
