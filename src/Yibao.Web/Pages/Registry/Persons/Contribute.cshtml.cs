using Microsoft.AspNetCore.Mvc;
using Yibao.Web.Infrastructure;
using Yibao.Application.Common;
using Yibao.Application.Contributions;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>居民缴费登记: the individual contribution for a year; policy data decides 代缴 and subsidy, the handler posts the ledger entries.</summary>
public sealed class ContributeModel(RecordResidentContributionHandler handler, IAppDbContext db, TimeProvider clock) : PersonFormModel(db, clock)
{
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public string? ReceiptNo { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Year = Today.Year;
        PaidOn = Today;
        return await LoadPersonAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }

        if (Year is null)
        {
            Errors = [new AppError("validation", "缴费年度：请填写 4 位年份", "year")];
            return Page();
        }

        if (PaidOn is null)
        {
            Errors = [DateRequired("到账日期", "paid_on")];
            return Page();
        }

        var result = await handler.HandleAsync(new RecordResidentContribution(Person.PersonNo, Year.Value, PaidOn.Value, ReceiptNo ?? string.Empty), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        var r = result.Value!;
        return BackToPerson(r.Sponsored > 0
            ? $"已登记 {Year} 年度居民医保缴费：个人应缴 {RegistryAccess.Yuan(r.Individual)} 元，其中医疗救助代缴 {RegistryAccess.Yuan(r.Sponsored)} 元，本人实缴 {RegistryAccess.Yuan(r.PaidByPerson)} 元（凭证号 {r.JournalEntryId}）。"
            : $"已登记 {Year} 年度居民医保缴费：本人实缴 {RegistryAccess.Yuan(r.PaidByPerson)} 元（凭证号 {r.JournalEntryId}）。");
    }
}
