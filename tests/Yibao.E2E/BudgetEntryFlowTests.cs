using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Domain.Admin;

namespace Yibao.E2E;

/// <summary>
/// 财务 creates a small budget on the screens table by table, sees a validation message while typing an expenditure
/// line that breaks revenue = expenditure, fixes it, submits, records the approval, publishes, and the public page shows it.
/// </summary>
public sealed class BudgetEntryFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    private const string Password = "Entry-Pass-2026";

    private static ILocator Cell(IPage page, int row, int column) =>
        page.Locator("#entry-table tbody tr").Nth(row).Locator($"[name=c{column.ToString(CultureInfo.InvariantCulture)}]");

    [Fact]
    public async Task Finance_enters_a_budget_table_by_table_sees_a_message_while_typing_fixes_it_and_publishes_it()
    {
        using (var scope = app.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<IStaffDirectory>().CreateAsync("caiwu-entry", "李财务", Password, [Roles.Finance], false, TestContext.Current.CancellationToken);
            created.Succeeded.ShouldBeTrue();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "caiwu-entry");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // 新建预算
        await page.ClickAsync("nav >> text=\"新建预算\"");
        await page.WaitForURLAsync("**/Budget/Create**");
        await page.FillAsync("#UnitCode", "901077");
        await page.FillAsync("#UnitName", "示范县医疗保障服务中心");
        await page.SelectOptionAsync("#Nature", "参照公务员法管理");
        await page.FillAsync("#Authorized", "8");
        await page.FillAsync("#Actual", "7");
        await page.FillAsync("#Year", year);
        await page.ClickAsync("button:has-text('创建并开始录入')");
        await page.WaitForURLAsync("**/Budget/Edit**part=revenue**");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("预算已创建");

        // 收入
        await Cell(page, 0, 0).SelectOptionAsync("一般公共预算拨款");
        await Cell(page, 0, 1).FillAsync("1000000");
        await page.ClickAsync("button:has-text('保存本表')");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("“收入”已保存");

        // 项目
        await page.ClickAsync("#entry-parts >> text=\"项目\"");
        await Cell(page, 0, 0).FillAsync("P1");
        await Cell(page, 0, 1).FillAsync("医保经办服务项目");
        await Cell(page, 0, 2).FillAsync("经办窗口服务");
        await page.ClickAsync("button:has-text('保存本表')");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("“项目”已保存");

        // 支出明细: typing a project line of 250000 breaks 收支平衡 — the panel says so before saving
        await page.ClickAsync("#entry-parts >> text=\"支出明细\"");
        string[][] lines =
        [
            ["2101501", "", "30101", "50101", "一般公共预算拨款", "基本", "人员", "", "600000"],
            ["2101501", "", "30201", "50201", "一般公共预算拨款", "基本", "公用", "", "200000"],
            ["2101550", "", "30201", "50201", "一般公共预算拨款", "项目", "", "P1", "250000"],
        ];
        for (int r = 0; r < lines.Length; r++)
        {
            for (int c = 0; c < lines[r].Length; c++)
            {
                if (c is 4 or 5 or 6)
                {
                    await Cell(page, r, c).SelectOptionAsync(lines[r][c].Length == 0 ? "" : lines[r][c]);
                }
                else if (lines[r][c].Length > 0)
                {
                    await Cell(page, r, c).FillAsync(lines[r][c]);
                }
            }
        }
        var findings = page.Locator("#entry-findings");
        await Assertions.Expect(findings).ToContainTextAsync("BGT-SOURCE");
        await Assertions.Expect(page.Locator("#fn-0")).ToHaveTextAsync("行政运行");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "budget-entry-typing.png"), FullPage = true });
        await Cell(page, 2, 8).FillAsync("200000");
        await Assertions.Expect(findings).Not.ToContainTextAsync("BGT-SOURCE");
        await Assertions.Expect(findings).ToContainTextAsync("错误 0");
        await page.ClickAsync("button:has-text('保存本表')");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("“支出明细”已保存");

        // 三公经费 (all zero is fine) and the view: no errors, submit, approve, publish
        await page.ClickAsync("text=查看、报送与公开");
        await page.WaitForURLAsync("**/Budget/View**");
        await Assertions.Expect(page.Locator("a[href='#tab-findings']")).ToContainTextAsync("错误 0");
        await page.ClickAsync("button:has-text('报送')");
        await Assertions.Expect(page.Locator("#budget-status")).ToHaveTextAsync("已报送");
        await page.FillAsync("#approvedOn", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.ClickAsync("button:has-text('登记批复')");
        await Assertions.Expect(page.Locator("#budget-status")).ToHaveTextAsync("已批复");
        await page.ClickAsync("button:has-text('确认公开')");
        await Assertions.Expect(page.Locator("#budget-status")).ToHaveTextAsync("已公开");

        var anonymous = await app.Browser.NewPageAsync();
        await anonymous.GotoAsync(app.BaseUrl + "/public/disclosures");
        await Assertions.Expect(anonymous.Locator("#public-disclosures")).ToContainTextAsync($"示范县医疗保障服务中心{year}年预算");
        await anonymous.ClickAsync($"text=示范县医疗保障服务中心{year}年预算");
        await Assertions.Expect(anonymous.Locator(".yb-disclosure")).ToContainTextAsync("部门收支总表");
        await Assertions.Expect(anonymous.Locator(".yb-disclosure")).ToContainTextAsync("医保经办服务项目");
    }
}
