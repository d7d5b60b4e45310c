using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Accounts;
using Yibao.Application.Common;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>个人账户转入 (经办员): the balance carried from another 统筹区 with the 310 enrollment (关系转移接续).</summary>
public sealed class AccountTransferInModel(TransferInPersonalAccountHandler transferIn, IAppDbContext db, TimeProvider clock) : PersonFormModel(db, clock)
{
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? FromArea { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Date = Today;
        return await LoadPersonAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }

        if (Date is not { } date)
        {
            Errors = [DateRequired("转入日期", "date")];
            return Page();
        }

        if (!decimal.TryParse(Amount?.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount))
        {
            Errors = [new AppError("validation-failed", "转入金额：须为数字（元，最多两位小数）", "amount")];
            return Page();
        }

        var result = await transferIn.HandleAsync(new TransferInPersonalAccount(Id, amount, string.IsNullOrWhiteSpace(FromArea) ? null : FromArea.Trim(), date, Note), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        return BackToPerson($"已转入个人账户 {RegistryAccess.Yuan(result.Value!.Amount)} 元，余额 {RegistryAccess.Yuan(result.Value.BalanceAfter)} 元。");
    }
}
