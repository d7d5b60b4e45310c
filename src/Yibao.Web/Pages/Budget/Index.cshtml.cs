using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Domain.Budget.Model;

namespace Yibao.Web.Pages.Budget;

/// <summary>部门预算 list: year, phase, status, publishing deadline.</summary>
public sealed class IndexModel(ListBudgetsHandler list, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNo { get; set; } = 1;

    public PagedList<BudgetRow> Rows { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await list.HandleAsync(new ListBudgets(Year, BudgetNames.Parse<BudgetPhase>(Phase), BudgetNames.Parse<BudgetStatus>(Status), false, PageNo), ct);

    /// <summary>The filtered list as Excel (all pages).</summary>
    public async Task<FileContentResult> OnGetExportAsync(CancellationToken ct)
    {
        var all = await list.HandleAsync(new ListBudgets(Year, BudgetNames.Parse<BudgetPhase>(Phase), BudgetNames.Parse<BudgetStatus>(Status), false, 1, 200), ct);
        var rows = all.Items.Select(r => new Dictionary<string, object?>
        {
            ["单位"] = r.UnitName,
            ["年度"] = r.Year,
            ["类型"] = r.Phase.Chinese(),
            ["版本"] = r.Version,
            ["状态"] = r.Status.Chinese(),
            ["批复日期"] = r.ApprovedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["公开期限"] = r.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["是否逾期"] = r.Late ? "是" : "否",
            ["公开日期"] = r.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["公开地址"] = r.PublicAddress,
        }).ToList();
        return await Yibao.Web.Infrastructure.ExcelFile.CreateAsync(rows, "部门预算", "部门预算", clock, ct);
    }

    public string PageUrl(int p) => Url.Page("Index", new { Year, Phase, Status, p }) ?? string.Create(CultureInfo.InvariantCulture, $"?p={p}");
}
