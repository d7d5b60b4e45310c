using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Application.Budget;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.E2E;

/// <summary>
/// 财务 opens a budget's 绩效 page from the budget page, binds the 参保人数 indicator to the live metric and sees its value,
/// fills a manual actual with a deviation reason, submits the self-evaluation and sees the score and grade.
/// </summary>
public sealed class PerformanceFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    private const string Password = "Perf-Pass-2026";

    [Fact]
    public async Task Finance_binds_an_indicator_fills_a_manual_actual_and_submits_the_self_evaluation()
    {
        var year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        long budgetId;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            (await sp.GetRequiredService<IStaffDirectory>().CreateAsync("caiwu-perf", "王财务", Password, [Roles.Finance], false, TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
            var ctx = sp.GetRequiredService<AppDbContext>();
            for (var n = 0; n < 2; n++)
            {
                var p = Person.FromResidentId(ResidentId.Create("130123", new DateOnly(1985, 3, 1).AddDays(n), 700 + n), "E2EP" + n.ToString(CultureInfo.InvariantCulture), "参保人" + n.ToString(CultureInfo.InvariantCulture), "130123");
                ctx.Persons.Add(p);
                await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
                ctx.Enrollments.Add(Enrollment.Register(p.Id, InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(year - 1, 1, 1), "130123"));
            }
            await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
            var imported = await sp.GetRequiredService<ImportBudgetHandler>().HandleAsync(new ImportBudget($$"""
                {
                  "format": "yibao-budget/1",
                  "unit": { "code": "901088", "name": "示范县医疗保障局", "nature": "行政", "staffing": { "authorized": 10, "actual": 9, "retired": 2 } },
                  "year": {{year.ToString(CultureInfo.InvariantCulture)}}, "phase": "预算", "version": 1, "status": "编制中", "profile": "national",
                  "revenue": [ { "source": "一般公共预算拨款", "amount": 1000000 } ],
                  "lines": [ { "function": "2101501", "deptEconomic": "30101", "govEconomic": "50101", "source": "一般公共预算拨款", "type": "基本", "kind": "人员", "amount": 1000000 } ],
                  "projects": [],
                  "unitTarget": { "goal": "全面履职", "indicators": [
                    { "level1": "产出指标", "level2": "数量指标", "name": "基本医保参保人数", "operator": "≥", "value": "2", "unit": "人", "weight": 50 },
                    { "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度", "operator": "≥", "value": "90", "unit": "%", "weight": 50 } ] }
                }
                """, "perf.json"), TestContext.Current.CancellationToken);
            imported.Succeeded.ShouldBeTrue(string.Join("；", imported.Errors.Select(e => e.Message)));
            budgetId = imported.Value!.Id;
        }

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "caiwu-perf");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        await page.ClickAsync("nav >> text=\"绩效管理\"");
        await page.WaitForURLAsync("**/Performance**");
        await page.GotoAsync(app.BaseUrl + "/Budget/View?id=" + budgetId.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("#performance-link");
        await page.WaitForURLAsync("**/Performance/Budget?id=*");

        var bindingRow = page.Locator("#binding-table tr[data-path='unit/0']");
        await bindingRow.Locator("select[name=binding]").SelectOptionAsync("enrolled-basic");
        await bindingRow.Locator("button:has-text('保存绑定')").ClickAsync();
        await page.Locator("#binding-table tr[data-path='unit/0'] .binding-value:has-text('基本医疗保险参保人数 2 人')").WaitForAsync();
        (await page.Locator("#binding-table tr[data-path='unit/0'] select[name=binding]").InputValueAsync()).ShouldBe("enrolled-basic");

        await page.FillAsync("input[name='inputs[1].ManualActual']", "85");
        await page.ClickAsync("button:has-text('提交自评')");
        await page.Locator(".alert-danger:has-text('偏差原因（服务对象满意度）：未达成的指标须填写偏差原因')").WaitForAsync();
        (await page.InputValueAsync("input[name='inputs[1].ManualActual']")).ShouldBe("85");
        await page.FillAsync("input[name='inputs[1].Reason']", "满意度调查样本偏少");
        await page.ClickAsync("button:has-text('提交自评')");
        await page.Locator("#evaluation-status:has-text('已提交')").WaitForAsync();
        // 50 (参保人数 2 ≥ 2) + 50 × 85/90 = 97.22 → 优
        (await page.InnerTextAsync("#total-score")).ShouldBe("97.22");
        (await page.InnerTextAsync("#grade")).ShouldBe("优");
        (await page.Locator("#evaluation-table").InnerTextAsync()).ShouldContain("满意度调查样本偏少");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "performance-self-evaluation.png"), FullPage = true });
    }
}
