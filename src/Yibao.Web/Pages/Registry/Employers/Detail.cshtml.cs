using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Employers;

/// <summary>参保单位详情: identity and staff (persons enrolled with the employer), paged.</summary>
public sealed class DetailModel(GetEmployerDetailHandler handler, Yibao.Application.Contributions.ContributionQueriesHandler contributions, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public EmployerDetail Detail { get; private set; } = null!;

    /// <summary>征缴 of the employer (shown to 经办员 and 财务).</summary>
    public Yibao.Application.Common.PagedList<Yibao.Application.Contributions.BaseRow>? Bases { get; private set; }

    public IReadOnlyList<Yibao.Application.Contributions.PlanRow> Plans { get; private set; } = [];

    public IReadOnlyList<Yibao.Application.Contributions.PaymentRow> Payments { get; private set; } = [];

    public Yibao.Application.Contributions.ArrearsRow? Arrears { get; private set; }

    public IReadOnlyDictionary<int, Yibao.Application.Contributions.ReconciliationRow> Reconciliation { get; private set; } = new Dictionary<int, Yibao.Application.Contributions.ReconciliationRow>();

    public int ThisMonth { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var detail = await handler.HandleAsync(new GetEmployerDetail(id, PageNumber, 20, RegistryAccess.ShowFullId(User)), ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        if (ContributionAccess.ReadRoles.Any(User.IsInRole))
        {
            ThisMonth = ContributionAccess.ThisMonth(clock);
            var year = Yibao.Domain.Contributions.ContributionPeriod.Year(ThisMonth);
            Bases = await contributions.BasesAsync(year, id, null, RegistryAccess.ShowFullId(User), 1, 20, ct);
            Plans = (await contributions.PlansAsync(null, id, 1, 12, ct)).Items;
            Payments = (await contributions.PaymentsAsync(null, id, 1, 12, ct)).Items;
            Arrears = (await contributions.ArrearsAllAsync(ThisMonth, null, id, ct)).FirstOrDefault();
            Reconciliation = (await contributions.ReconcileAllAsync(190001, ThisMonth, id, ct)).ToDictionary(r => r.Period);
        }

        return Page();
    }

    public string PageUrl(int page) => Url.Page("/Registry/Employers/Detail", new { id = Detail.Employer.Id, p = page })!;
}
