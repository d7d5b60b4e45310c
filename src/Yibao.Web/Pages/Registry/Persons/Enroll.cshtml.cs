using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Registry;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>新增参保 / 转入登记 of an existing person in one 险种.</summary>
public sealed class EnrollModel(EnrollPersonHandler handler, IAppDbContext db, TimeProvider clock) : PersonFormModel(db, clock)
{
    [BindProperty] public string? Insutype { get; set; } = "390";
    [BindProperty] public string? PsnType { get; set; }
    [BindProperty] public DateOnly? BeginDate { get; set; }
    [BindProperty] public string? EmployerNo { get; set; }
    [BindProperty] public DateOnly? FirstContributionDate { get; set; }
    [BindProperty] public string? TransferFromArea { get; set; }
    [BindProperty] public int CarriedMonths { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        BeginDate = Today;
        return await LoadPersonAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return NotFound();
        }

        if (BeginDate is null)
        {
            Errors = [DateRequired("参保日期", "begndate")];
            return Page();
        }

        var result = await handler.HandleAsync(new EnrollPerson(Person.PersonNo, Insutype ?? string.Empty, PsnType ?? string.Empty, BeginDate.Value,
            string.IsNullOrWhiteSpace(EmployerNo) ? null : EmployerNo.Trim(), FirstContributionDate, CarriedMonths,
            string.IsNullOrWhiteSpace(TransferFromArea) ? null : TransferFromArea.Trim(), string.IsNullOrWhiteSpace(Note) ? null : Note.Trim()), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        return BackToPerson($"已办理 {Insutype} {RegistryNames.Of(RegistryLookups.ToInsuranceType(Insutype!))}参保登记。");
    }
}
