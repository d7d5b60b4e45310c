using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Domain.Budget.Model;
using Yibao.Infrastructure.Reports.Budget;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.PublicPortal;

/// <summary>One published disclosure (anonymous, /public/disclosures/{id}): generated from the stored budget by its profile.</summary>
public sealed class DisclosureModel(GetBudgetHandler get) : PageModel
{
    public GeneratedDisclosure Disclosure { get; private set; } = null!;

    public BudgetDetail Detail { get; private set; } = null!;

    public string TablesHtml { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, bool raw = false, CancellationToken ct = default)
    {
        var d = await get.HandleAsync(new GetBudget(id, PublishedOnly: true), ct);
        if (d is null)
        {
            return NotFound();
        }
        Detail = d;
        Disclosure = DisclosureComposer.Compose(d.Model, BudgetDownloads.Profile(null, d.Stored.Profile));
        if (raw)
        {
            return Content(BudgetHtmlRenderer.Render(Disclosure), "text/html; charset=utf-8");
        }
        TablesHtml = BudgetDownloads.TablesHtml(Disclosure);
        return Page();
    }
}
