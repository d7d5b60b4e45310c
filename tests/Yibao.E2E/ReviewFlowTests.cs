using System.Globalization;
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
/// A 审核员 writes a new 超限价 rule, tests it over June 2025 (sees what it would flag and how much), saves and enables it, runs the
/// 事后 review, accepts the flag in the queue, and finds the 扣款 on the institution's 月结算单 of this month. Screenshots in artifacts/e2e.
/// </summary>
public sealed class ReviewFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    [Fact]
    public async Task Reviewer_tests_enables_and_runs_a_new_rule_and_the_accepted_flag_is_deducted_on_the_statement()
    {
        var ct = TestContext.Current.CancellationToken;
        const string institution = "H13012300088";
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            (await sp.GetRequiredService<IStaffDirectory>().CreateAsync("shenhe08", "吴审核", "Review-Pass-2026", [Roles.Reviewer], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            (await sp.GetRequiredService<Yibao.Infrastructure.Demo.CatalogPolicySeeder>().SeedAsync("130123", ct: ct)).Succeeded.ShouldBeTrue();
            var db = sp.GetRequiredService<AppDbContext>();
            var inst = new Institution { Code = institution, Name = "示范县河东卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            db.Institutions.Add(inst);
            await db.SaveChangesAsync(ct);
            var certno = ResidentId.Create("130123", new DateOnly(1971, 3, 9), 733).Value;
            (await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "郑九", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]), ct)).Succeeded.ShouldBeTrue();
            var caller = new InstitutionCaller(inst.Id, inst.Code);
            var enc = await sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(certno, "390", "11", new DateOnly(2025, 6, 10)), ct);
            enc.Succeeded.ShouldBeTrue(string.Join("；", enc.Errors.Select(e => e.Message)));
            (await sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(enc.Value!.MdtrtId,
                [new FeeDetailInput("1", "XJ01CAA040A001010100001", 40, 12.5m, 500m)]), ct)).Succeeded.ShouldBeTrue();
            (await sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(enc.Value.MdtrtId, 500m), ct)).Succeeded.ShouldBeTrue();
        }

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "shenhe08");
        await page.FillAsync("#Password", "Review-Pass-2026");
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // A new rule: 阿莫西林胶囊 above 10 元 per 粒 is 超限价. Test it over June 2025 before saving.
        await page.ClickAsync("nav >> text=审核规则");
        await page.WaitForURLAsync("**/Review/Rules**");
        await page.ClickAsync("#new-rule");
        await page.FillAsync("#Code", "E2E-XJ-001");
        await page.FillAsync("#Name", "阿莫西林胶囊限价 10 元（E2E）");
        await page.SelectOptionAsync("#Type", "PriceCap");
        await page.SelectOptionAsync("#Result", "Suspicious");
        await page.FillAsync("#ParametersJson", """{ "items": ["XJ01CAA040A001010100001"], "max_price": 10 }""");
        await page.FillAsync("#TestFrom", "2025-06-01");
        await page.FillAsync("#TestTo", "2025-06-30");
        await page.ClickAsync("button:has-text('测试规则')");
        await Assertions.Expect(page.Locator("#test-flag-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#test-amount")).ToHaveTextAsync("100.00");
        await Assertions.Expect(page.Locator("#test-flags")).ToContainTextAsync(institution);
        await page.ScreenshotAsync(new() { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "review-1-test-rule.png"), FullPage = true });

        await page.ClickAsync("button:has-text('保存规则')");
        await Assertions.Expect(page.Locator("#rule-message")).ToContainTextAsync("规则 E2E-XJ-001 已保存（版本 1，状态：草稿）");

        // Enable it on the list.
        await page.ClickAsync("nav >> text=审核规则");
        var row = page.Locator("tr[data-rule='E2E-XJ-001']");
        await row.Locator("button:has-text('启用')").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-rule='E2E-XJ-001'] .rule-status")).ToHaveTextAsync("启用");

        // Run it over June 2025.
        await page.ClickAsync("nav >> text=事后审核");
        await page.WaitForURLAsync("**/Review/Runs**");
        await page.FillAsync("#From", "2025-06-01");
        await page.FillAsync("#To", "2025-06-30");
        await page.FillAsync("#RuleCodes", "E2E-XJ-001");
        await page.ClickAsync("button:has-text('运行事后审核')");
        await Assertions.Expect(page.Locator("#run-message")).ToContainTextAsync("疑点 1 条（100.00 元）");
        await page.ScreenshotAsync(new() { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "review-2-run.png"), FullPage = true });

        // Accept the flag in the queue.
        await page.ClickAsync("#run-message >> text=查看疑点");
        var flag = page.Locator("tr[data-rule='E2E-XJ-001']");
        await Assertions.Expect(flag).ToHaveCountAsync(1);
        await flag.Locator("input[name='reason']").FillAsync("单价超限价属实");
        await flag.Locator("button:has-text('确认扣款')").ClickAsync();
        await Assertions.Expect(page.Locator("#flag-message")).ToContainTextAsync("扣款 100.00 元已记账");
        await Assertions.Expect(page.Locator("tr[data-rule='E2E-XJ-001'] .flag-status")).ToContainTextAsync("已确认扣款");
        await Assertions.Expect(page.Locator($"#stats-institution tr[data-key='{institution}'] .deducted")).ToHaveTextAsync("100.00");
        await page.ScreenshotAsync(new() { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "review-3-queue.png"), FullPage = true });

        // The institution's statement of this month carries the deduction.
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await page.GotoAsync($"{app.BaseUrl}/Funds/Statements?Institution={institution}&Period={month}");
        await Assertions.Expect(page.Locator("#statement-deductions")).ToContainTextAsync("智能审核扣款");
        await Assertions.Expect(page.Locator("#statement-deducted")).ToHaveTextAsync("100.00");
        await page.ScreenshotAsync(new() { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "review-4-statement.png"), FullPage = true });
    }
}
