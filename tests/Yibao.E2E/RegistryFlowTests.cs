using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.E2E;

/// <summary>
/// A 经办员 at the counter: registers a resident, enrolls them in 390, certifies 脱贫人口, records the year's contribution
/// with 医疗救助代缴, and finds the person again by ID number. Screenshots in artifacts/e2e.
/// </summary>
public sealed class RegistryFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    [Fact]
    public async Task Clerk_registers_enrolls_records_sponsored_contribution_and_finds_the_person()
    {
        var today = TimeProvider.System.TodayInChina();
        using (var scope = app.Services.CreateScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<IStaffDirectory>();
            (await staff.CreateAsync("guitai01", "赵柜台", "Counter-Pass-2026", [Roles.Clerk], mustChangePassword: false, TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ResidentContributionPolicies.Add(new ResidentContributionPolicy
            {
                PoolAreaCode = "519999", Year = today.Year, IndividualAmount = 380m, SubsidyAmount = 640m,
                CollectionFrom = new DateOnly(today.Year - 1, 9, 1), CollectionTo = new DateOnly(today.Year - 1, 12, 31),
                Sponsored = [new(SpecialStatusType.Destitute, 380m), new(SpecialStatusType.MinimumLiving, 200m), new(SpecialStatusType.PovertyAlleviated, 190m)],
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var certno = ResidentId.Create("519999", new DateOnly(1982, 7, 9), 317).Value;
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // the forms ask for confirmation

        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "guitai01");
        await page.FillAsync("#Password", "Counter-Pass-2026");
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // 参保登记 from the navigation: person and first enrollment (390, 成年居民).
        await page.ClickAsync("nav a:has-text('参保登记')");
        await page.WaitForURLAsync("**/Registry/Persons/Register");
        await page.FillAsync("#Certno", certno);
        await page.FillAsync("#Name", "钱小满");
        await page.FillAsync("#Phone", "13812345678");
        await page.SelectOptionAsync("#Insutype", "390");
        await page.SelectOptionAsync("#PsnType", "22");
        await page.FillAsync("#BeginDate", new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("button:has-text('提交登记')");
        await page.WaitForURLAsync("**/Registry/Persons/Detail/**");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("已登记 钱小满");
        await Assertions.Expect(page.Locator("#enrollments")).ToContainTextAsync("390 城乡居民基本医疗保险");
        await Assertions.Expect(page.Locator("#enrollments")).ToContainTextAsync("成年居民");

        // 认定特殊身份: 脱贫人口.
        await page.ClickAsync("#action-status");
        await page.SelectOptionAsync("#Type", "3");
        await page.FillAsync("#BeginDate", new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#Source", "乡村振兴局");
        await page.ClickAsync("button:has-text('确认认定')");
        await page.WaitForURLAsync("**/Registry/Persons/Detail/**");
        await Assertions.Expect(page.Locator("#special-statuses")).ToContainTextAsync("脱贫人口");

        // 居民缴费: the policy gives 190 元 医疗救助代缴, the person pays 190 元.
        await page.ClickAsync("#action-contribute");
        await page.FillAsync("#ReceiptNo", "PJ" + today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "0001");
        await page.ClickAsync("button:has-text('确认登记')");
        await page.WaitForURLAsync("**/Registry/Persons/Detail/**");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("其中医疗救助代缴 190.00 元");
        await Assertions.Expect(page.Locator("#contributions")).ToContainTextAsync("190.00（脱贫人口）");
        await Assertions.Expect(page.Locator("#postings")).ToContainTextAsync("代缴参保费支出");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "registry-person.png"), FullPage = true });

        // 人员查询 by ID number: the 经办员 sees the full number.
        await page.ClickAsync("nav a:has-text('人员查询')");
        await page.WaitForURLAsync("**/Registry/Persons**");
        await page.FillAsync("#q", certno);
        await page.ClickAsync("button:has-text('查询')");
        var results = page.Locator("#person-results");
        await Assertions.Expect(results).ToContainTextAsync("钱小满");
        await Assertions.Expect(results).ToContainTextAsync(certno);
        await Assertions.Expect(results).ToContainTextAsync("390 成年居民");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "registry-search.png") });
    }
}
