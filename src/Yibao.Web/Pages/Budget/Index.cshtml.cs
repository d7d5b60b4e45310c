using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Domain.Budget.Model;

namespace Yibao.Web.Pages.Budget;

/// <summary>部门预算 list: year, phase, status, publishing deadline.</summary>
public sealed class IndexModel(ListBudgetsHandler list) : PageModel
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

    public string PageUrl(int p) => Url.Page("Index", new { Year, Phase, Status, p }) ?? string.Create(CultureInfo.InvariantCulture, $"?p={p}");
}
