using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Accounts;
using Yibao.Application.Common;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>个人账户退还 (经办员): the whole balance to the named bank account, with a reason; closes the account.</summary>
public sealed class AccountRefundModel(RefundPersonalAccountHandler refund, GetPersonalAccountHandler account, IAppDbContext db, TimeProvider clock) : PersonFormModel(db, clock)
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? BankName { get; set; }
    [BindProperty] public string? BankAccountName { get; set; }
    [BindProperty] public string? BankAccountNo { get; set; }

    public PersonalAccountView? Account { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        BankAccountName = Person.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await refund.HandleAsync(new RefundPersonalAccount(Id, Reason ?? "", BankName ?? "", BankAccountName ?? "", BankAccountNo ?? ""), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        return BackToPerson($"已退还个人账户余额 {RegistryAccess.Yuan(result.Value!.Amount)} 元，账户已销户。");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }

        Account = await account.HandleAsync(new GetPersonalAccount(Id), ct);
        return true;
    }
}
