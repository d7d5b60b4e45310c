using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>人员详情: everything about one person; the actions link to the 经办员 forms.</summary>
public sealed class DetailModel(GetPersonDetailHandler handler, Yibao.Application.Settlement.SearchSettlementsHandler settlements,
    Yibao.Application.Settlement.GetAccumulatorsHandler accumulators, Yibao.Application.Accounts.GetPersonalAccountHandler account,
    Yibao.Application.Accounts.ListFamilySharingHandler familySharing, TimeProvider clock) : PageModel
{
    /// <summary>职工个人账户 (null when the person has none).</summary>
    public Yibao.Application.Accounts.PersonalAccountView? Account { get; private set; }

    /// <summary>家庭共济 bindings the person is in (as owner or member).</summary>
    public IReadOnlyList<Yibao.Application.Accounts.FamilySharingRow> FamilySharing { get; private set; } = [];

    /// <summary>The person's settlements (newest first, up to 50) — shown to the roles that may read settlements.</summary>
    public IReadOnlyList<Yibao.Application.Settlement.SettlementRow> Settlements { get; private set; } = [];

    public int SettlementCount { get; private set; }

    /// <summary>Year-to-date accumulators (人员年度累计) for the current year.</summary>
    public Yibao.Application.Settlement.AccumulatorView? Accumulators { get; private set; }

    public bool CanSeeSettlements => SettlementAccess.ReadRoles.Any(User.IsInRole);

    public PersonDetail Detail { get; private set; } = null!;

    public bool CanWrite => RegistryAccess.CanWrite(User);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var detail = await handler.HandleAsync(new GetPersonDetail(id, RegistryAccess.ShowFullId(User)), ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        Account = await account.HandleAsync(new Yibao.Application.Accounts.GetPersonalAccount(id), ct);
        FamilySharing = await familySharing.HandleAsync(new Yibao.Application.Accounts.ListFamilySharing(id), ct);
        if (CanSeeSettlements)
        {
            var found = await settlements.HandleAsync(new Yibao.Application.Settlement.SearchSettlements(Person: detail.Person.PersonNo, PageSize: 50,
                ShowFullId: RegistryAccess.ShowFullId(User)), ct);
            if (found.Succeeded)
            {
                Settlements = found.Value!.Items;
                SettlementCount = found.Value.TotalCount;
            }

            var acc = await accumulators.HandleAsync(new Yibao.Application.Settlement.GetAccumulators(detail.Person.PersonNo, Yibao.Application.Registry.RegistryLookups.TodayInChina(clock).Year), ct);
            Accumulators = acc.Value;
        }

        return Page();
    }
}
