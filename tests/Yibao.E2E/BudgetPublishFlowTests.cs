using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Domain.Admin;

namespace Yibao.E2E;

/// <summary>
/// 财务 imports a small budget whose expenditure exceeds its revenue, sees the validation message, replaces the file
/// with the corrected one, submits it, records the approval, publishes it, and the public page shows the disclosure.
/// </summary>
public sealed class BudgetPublishFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    private const string Password = "Budget-Pass-2026";

    private static FilePayload Budget(decimal projectAmount, int year) => new()
    {
        Name = "shifanxian-budget.json",
        MimeType = "application/json",
        Buffer = Encoding.UTF8.GetBytes($$"""
            {
              "format": "yibao-budget/1",
              "unit": { "code": "901009", "name": "示范县医疗保障事务中心", "nature": "参照公务员法管理", "staffing": { "authorized": 8, "actual": 8, "retired": 1 } },
              "year": {{year.ToString(CultureInfo.InvariantCulture)}}, "phase": "预算", "version": 1, "status": "编制中", "profile": "national",
              "revenue": [ { "source": "一般公共预算拨款", "amount": 1000000 } ],
              "lines": [
                { "function": "2101501", "deptEconomic": "30101", "govEconomic": "50101", "source": "一般公共预算拨款", "type": "基本", "kind": "人员", "amount": 600000 },
                { "function": "2101501", "deptEconomic": "30201", "govEconomic": "50201", "source": "一般公共预算拨款", "type": "基本", "kind": "公用", "amount": 200000 },
                { "function": "2101550", "deptEconomic": "30201", "govEconomic": "50201", "source": "一般公共预算拨款", "type": "项目", "project": "P1", "amount": {{projectAmount.ToString(CultureInfo.InvariantCulture)}} }
              ],
              "projects": [ { "id": "P1", "name": "医保经办服务项目", "description": "经办服务" } ]
            }
            """),
    };

    [Fact]
    public async Task Finance_fixes_a_budget_gets_it_approved_publishes_it_and_the_public_page_shows_it()
    {
        using (var scope = app.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<IStaffDirectory>().CreateAsync("caiwu-e2e", "王财务", Password, [Roles.Finance], false, TestContext.Current.CancellationToken);
            created.Succeeded.ShouldBeTrue();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "caiwu-e2e");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        await page.ClickAsync("nav >> text=\"部门预算\"");
        await page.WaitForURLAsync("**/Budget**");
        await page.ClickAsync("text=导入预算文件");
        await page.SetInputFilesAsync("#Upload", Budget(250000m, today.Year));
        await page.ClickAsync("button:has-text('导入')");
        await page.WaitForURLAsync("**/Budget/View**");
        var findings = page.Locator("#budget-findings");
        await Assertions.Expect(findings).ToContainTextAsync("BGT-SOURCE");
        await Assertions.Expect(findings).ToContainTextAsync("错误");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "budget-findings.png"), FullPage = true });

        await page.SetInputFilesAsync("#upload", Budget(200000m, today.Year));
        await page.ClickAsync("button:has-text('替换文件')");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("预算文件已替换");
        await Assertions.Expect(page.Locator("a[href='#tab-findings']")).ToContainTextAsync("错误 0");

        await page.ClickAsync("button:has-text('报送')");
        await Assertions.Expect(page.Locator("#budget-status")).ToHaveTextAsync("已报送");
        await page.FillAsync("#approvedOn", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.ClickAsync("button:has-text('登记批复')");
        await Assertions.Expect(page.Locator("#budget-status")).ToHaveTextAsync("已批复");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("公开期限");
        await page.ClickAsync("button:has-text('确认公开')");
        await Assertions.Expect(page.Locator("#budget-status")).ToHaveTextAsync("已公开");

        await page.ClickAsync("a[href='#tab-compare']");
        await page.ClickAsync("a[href='#tab-tables']");
        await Assertions.Expect(page.Locator(".yb-budget-tables")).ToContainTextAsync("部门收支总表");

        var anonymous = await app.Browser.NewPageAsync();
        await anonymous.GotoAsync(app.BaseUrl + "/public/disclosures");
        var list = anonymous.Locator("#public-disclosures");
        await Assertions.Expect(list).ToContainTextAsync($"示范县医疗保障事务中心{today.Year}年预算");
        await anonymous.ClickAsync($"text=示范县医疗保障事务中心{today.Year}年预算");
        await Assertions.Expect(anonymous.Locator(".yb-disclosure")).ToContainTextAsync("部门收支总表");
        await anonymous.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "budget-public.png"), FullPage = true });
    }
}
