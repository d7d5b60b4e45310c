using Microsoft.AspNetCore.Mvc;
using Yibao.Application.OutOfArea;
using Yibao.Application.Settlement;

namespace Yibao.Web.Infrastructure;

/// <summary>The person page's 异地就医备案 and 手工报销 cards (shown to the roles that may read them).</summary>
public sealed class PersonOffsiteViewComponent(SearchFilingsHandler filings, SearchManualReimbursementsHandler reimbursements) : ViewComponent
{
    public sealed record Model(long PersonId, IReadOnlyList<FilingRow>? Filings, IReadOnlyList<ReimbursementRow>? Reimbursements, bool CanFile);

    public async Task<IViewComponentResult> InvokeAsync(long personId)
    {
        var user = HttpContext.User;
        var f = OffsiteAccess.FilingReaderRoles.Any(user.IsInRole)
            ? (await filings.HandleAsync(new SearchFilings(PersonId: personId, PageSize: 50), HttpContext.RequestAborted)).Items
            : null;
        var r = OffsiteAccess.ReimbursementReaderRoles.Any(user.IsInRole)
            ? (await reimbursements.HandleAsync(new SearchManualReimbursements(PersonId: personId, PageSize: 50), HttpContext.RequestAborted)).Items
            : null;
        return View(new Model(personId, f, r, user.IsInRole(Yibao.Domain.Admin.Roles.Clerk)));
    }
}
