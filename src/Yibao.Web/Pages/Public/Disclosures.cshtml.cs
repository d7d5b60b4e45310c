using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;

namespace Yibao.Web.Pages.PublicPortal;

/// <summary>预决算公开 (anonymous, /public/disclosures): the 已公开 budgets.</summary>
public sealed class DisclosuresModel(ListBudgetsHandler list) : PageModel
{
    public PagedList<BudgetRow> Rows { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default) =>
        Rows = await list.HandleAsync(new ListBudgets(PublishedOnly: true, Page: p, PageSize: 50), ct);

    public static string PageUrl(int p) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/public/disclosures?p={p}");
}
