using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Accounts;
using Yibao.Application.Common;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>家庭共济: the bindings this person is in, a form to register the person's account for a family member, and 结束.</summary>
public sealed class FamilySharingModel(RegisterFamilySharingHandler register, EndFamilySharingHandler end, ListFamilySharingHandler list, IAppDbContext db, TimeProvider clock)
    : PersonFormModel(db, clock)
{
    [BindProperty] public string? Member { get; set; }
    [BindProperty] public int? Relation { get; set; }
    [BindProperty] public DateOnly? BeginDate { get; set; }
    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public string? ProofReference { get; set; }
    [BindProperty] public long? BindingId { get; set; }
    [BindProperty] public string? EndReason { get; set; }

    public IReadOnlyList<FamilySharingRow> Bindings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        BeginDate = Today;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (BeginDate is not { } begin)
        {
            Errors = [DateRequired("开始日期", "begntime")];
            return Page();
        }

        var result = await register.HandleAsync(new RegisterFamilySharing(Person.PersonNo, Member?.Trim() ?? "", Relation ?? 0, begin, EndDate, ProofReference), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        return BackToPerson($"已登记家庭共济：{Person.Name} 的职工个人账户自 {RegistryAccess.Date(begin)} 起可支付该家庭成员的个人负担费用。");
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (EndDate is not { } last)
        {
            Errors = [DateRequired("结束日期", "endtime")];
            return Page();
        }

        if (BindingId is not { } id || Bindings.All(b => b.Id != id))
        {
            return NotFound();
        }

        var result = await end.HandleAsync(new EndFamilySharing(id, last, EndReason ?? ""), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        return BackToPerson($"已结束家庭共济（最后适用日 {RegistryAccess.Date(last)}）。");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }

        Bindings = await list.HandleAsync(new ListFamilySharing(Id), ct);
        return true;
    }
}
