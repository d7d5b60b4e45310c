using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Application.Performance;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;

namespace Yibao.Web.Pages.Performance;

/// <summary>绩效管理：运行指标目录及其在所选期间的值、人口基数（参保率分母）、各预算的绩效页入口。财务可写，局领导只读。</summary>
public sealed class IndexModel(GetPerformanceMetricsHandler metrics, SavePopulationBaselineHandler saveBaseline, ListBudgetsHandler budgets, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public MetricSnapshot Snapshot { get; private set; } = null!;

    public PagedList<BudgetRow> Budgets { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public bool CanWrite => User.IsInRole(Roles.Finance);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBaselineAsync(int year, string? population, string? source, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }
        long? pop = long.TryParse((population ?? "").Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        if (pop is null && !string.IsNullOrWhiteSpace(population))
        {
            Errors = [new AppError("population", $"人口基数：应为正整数，实为“{population}”", "population")];
        }
        else
        {
            var r = await saveBaseline.HandleAsync(new SavePopulationBaseline(year, pop, source), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"{year.ToString(CultureInfo.InvariantCulture)} 年人口基数已保存。";
                return RedirectToPage("Index", new { year, asOf = AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            }
            Errors = r.Errors;
        }
        Year = year;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.TodayInChina();
        Year ??= AsOf?.Year ?? today.Year;
        var asOf = AsOf ?? GetSelfEvaluationHandler.DefaultAsOf(Year.Value, today);
        Snapshot = await metrics.HandleAsync(new GetPerformanceMetrics(Year.Value, asOf), ct);
        AsOf = Snapshot.Period.End;
        Budgets = await budgets.HandleAsync(new ListBudgets(PageSize: 50), ct);
    }

    public static string Number(decimal? v) => v?.ToString("#,0.##", CultureInfo.GetCultureInfo("zh-CN")) ?? "—";
}
