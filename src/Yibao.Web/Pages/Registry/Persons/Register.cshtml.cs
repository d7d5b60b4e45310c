using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Infrastructure.Demo;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>参保登记: registers a person from the ID number and, optionally, the first enrollment, in one transaction.</summary>
public sealed class RegisterModel(RegisterPersonHandler handler, IAppDbContext db, TimeProvider clock) : RegistryFormModel(clock)
{
    [BindProperty] public string? Certno { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Gender { get; set; }
    [BindProperty] public string? PoolAreaCode { get; set; }
    [BindProperty] public string? HouseholdNo { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Insutype { get; set; } = "390";
    [BindProperty] public string? PsnType { get; set; }
    [BindProperty] public DateOnly? BeginDate { get; set; }
    [BindProperty] public string? EmployerNo { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PoolAreaCode = await DefaultPoolAsync(ct);
        BeginDate = Today;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        List<EnrollPerson> enrollments = [];
        if (!string.IsNullOrEmpty(Insutype))
        {
            if (BeginDate is null)
            {
                Errors = [DateRequired("参保日期", "begndate")];
                return Page();
            }

            enrollments.Add(new EnrollPerson("-", Insutype, PsnType ?? string.Empty, BeginDate.Value, string.IsNullOrWhiteSpace(EmployerNo) ? null : EmployerNo.Trim()));
        }

        var result = await handler.HandleAsync(new RegisterPerson(
            (Certno ?? string.Empty).Trim().ToUpperInvariant(), Name ?? string.Empty, (PoolAreaCode ?? string.Empty).Trim(),
            string.IsNullOrEmpty(Gender) ? null : Gender, null,
            string.IsNullOrWhiteSpace(HouseholdNo) ? null : HouseholdNo.Trim(), null,
            string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), Address, enrollments), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        TempData["Message"] = $"已登记 {Name?.Trim()}（人员编号 {result.Value!.PersonNo}）{(enrollments.Count > 0 ? "并办理参保" : "")}。";
        return RedirectToPage("Detail", new { id = result.Value.Id });
    }

    private async Task<string> DefaultPoolAsync(CancellationToken ct) =>
        await db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => p.PoolAreaCode).FirstOrDefaultAsync(ct) ?? DemoCountyGenerator.CountyCode;
}
