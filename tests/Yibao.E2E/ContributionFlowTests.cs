using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Application.Contributions;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.E2E;

/// <summary>
/// A 经办员 collecting employee contributions: imports the bases of an employer's staff, generates the month's 征收计划,
/// imports a tax-bureau payment that covers part of it, sees the arrears and downloads the 催缴通知 (Excel and PDF).
/// </summary>
public sealed class ContributionFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    private const string Area = "527777";

    [Fact]
    public async Task Clerk_imports_bases_generates_the_plan_imports_a_partial_payment_and_downloads_the_notice()
    {
        var ct = TestContext.Current.CancellationToken;
        var today = TimeProvider.System.TodayInChina();
        var month = ContributionPeriod.Format(ContributionPeriod.Of(today));
        var code = CreditCode.Create("91527777MA0000001");
        var certA = ResidentId.Create(Area, new DateOnly(1986, 2, 3), 21).Value;
        var certB = ResidentId.Create(Area, new DateOnly(1992, 8, 9), 22).Value;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            (await sp.GetRequiredService<IStaffDirectory>().CreateAsync("zhengjiao01", "孙征缴", "Collect-Pass-2026", [Roles.Clerk], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            var db = sp.GetRequiredService<AppDbContext>();
            db.Areas.Add(new Area { Code = Area, Name = "征缴示例县", Level = AreaLevel.County });
            db.Employers.Add(new Employer { EmployerNo = "ZE001", CreditCode = code, Name = "征缴示例纺织厂", PoolAreaCode = Area });
            await db.SaveChangesAsync(ct);
            (await sp.GetRequiredService<SaveEmployeeContributionPolicyHandler>().HandleAsync(
                new SaveEmployeeContributionPolicy(Area, today.Year, 6000m, 60m, 300m, 8m, 2m, 10m), ct)).Succeeded.ShouldBeTrue();
            foreach (var (cert, name) in new[] { (certA, "周甲"), (certB, "吴乙") })
            {
                var r = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(cert, name, Area,
                    Enrollments: [new EnrollPerson("-", "310", "11", new DateOnly(today.Year, 1, 1), "ZE001")]), ct);
                r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
            }
        }

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "zhengjiao01");
        await page.FillAsync("#Password", "Collect-Pass-2026");
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // 缴费基数申报: one base below the floor is refused with the row named; with 核定 it is raised to the floor.
        var bases = $"单位编号,证件号码,缴费年度,申报基数\r\nZE001,{certA},{today.Year},5000\r\nZE001,{certB},{today.Year},3000\r\n";
        var file = new FilePayload { Name = "bases.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bases) };
        await page.ClickAsync("nav a:has-text('缴费基数')");
        await page.WaitForURLAsync("**/Contributions/Bases**");
        await page.SetInputFilesAsync("#Upload", file);
        await page.ClickAsync("button:has-text('导入基数')");
        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("第 3 行");
        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("超出");
        await page.SetInputFilesAsync("#Upload", file);
        await page.CheckAsync("#ImportClamp");
        await page.ClickAsync("button:has-text('导入基数')");
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("按上下限核定 1");

        // 征收计划 of the month: 5000 × 10% + 3600 × 10% = 860.00.
        await page.ClickAsync("nav a:has-text('征收计划')");
        await page.WaitForURLAsync("**/Contributions**");
        await page.ClickAsync("#generate");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("已编制 " + month + " 征收计划");
        await Assertions.Expect(page.Locator("#plans")).ToContainTextAsync("征缴示例纺织厂");
        await Assertions.Expect(page.Locator("#plans")).ToContainTextAsync("860.00");

        // 税务入库: 300.00 of it.
        var pay = $"统一社会信用代码,所属期,金额,入库日期,票号\r\n{code.Value},{month},300.00,{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},E2E-T-0001\r\n";
        await page.ClickAsync("nav a:has-text('税务入库')");
        await page.WaitForURLAsync("**/Contributions/Payments**");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "tax.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(pay) });
        await page.ClickAsync("button:has-text('导入入库记录')");
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("入库记录 1 笔");

        await page.ClickAsync("nav a:has-text('征缴对账')");
        await page.FillAsync("#q", "ZE001");
        await page.ClickAsync("button:has-text('查询')");
        await Assertions.Expect(page.Locator("#reconciliation")).ToContainTextAsync("部分");

        // 欠费 560.00 in the ≤3 个月 bucket, and the 催缴通知.
        await page.ClickAsync("nav a:has-text('欠费催缴')");
        await page.FillAsync("#q", "ZE001");
        await page.ClickAsync("button:has-text('查询')");
        await Assertions.Expect(page.Locator("#arrears")).ToContainTextAsync("560.00");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "contributions-arrears.png"), FullPage = true });
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#arrears a.notice-xlsx"));
        xlsx.SuggestedFilename.ShouldBe($"催缴通知-ZE001-{month}.xlsx");
        if (File.Exists("/usr/bin/chromium"))
        {
            var pdf = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#arrears a.notice-pdf"));
            pdf.SuggestedFilename.ShouldBe($"催缴通知-ZE001-{month}.pdf");
            var path = await pdf.PathAsync();
            (await File.ReadAllBytesAsync(path, ct))[..4].ShouldBe("%PDF"u8.ToArray());
        }

        var notice = await page.Context.NewPageAsync();
        await notice.GotoAsync(app.BaseUrl + (await page.Locator("#arrears a.notice-html").GetAttributeAsync("href")));
        await Assertions.Expect(notice.Locator("#notice-words")).ToHaveTextAsync("伍佰陆拾元整");
    }
}
