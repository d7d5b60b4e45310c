using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.OutOfArea;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;

namespace Yibao.Web.Pages.OutOfArea.Filings;

/// <summary>办理异地就医备案 (经办员).</summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class NewModel(FileOutOfAreaHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? PsnNo { get; set; }
    [BindProperty] public string Insutype { get; set; } = "390";
    [BindProperty] public string? FilingType { get; set; }
    [BindProperty] public string? DestinationCode { get; set; }
    [BindProperty] public string? DestinationName { get; set; }
    [BindProperty] public string? DestinationHospitalCode { get; set; }
    [BindProperty] public string? DestinationHospitalName { get; set; }
    [BindProperty] public string? ReferringInstitution { get; set; }
    [BindProperty] public DateOnly? BeginDate { get; set; }
    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public string Invalid(string field) => Errors.Any(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase)) ? "is-invalid" : "";

    public void OnGet() => BeginDate ??= clock.TodayInChina();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (BeginDate is not { } begin)
        {
            Errors = [new AppError("date-required", "开始日期 begndate：请填写有效日期（如 2025-01-01）", "begndate")];
            return Page();
        }

        var result = await handler.HandleAsync(new FileOutOfArea(PsnNo ?? "", Insutype, FilingType ?? "", DestinationCode ?? "", DestinationName ?? "", begin, EndDate,
            Reason ?? "", DestinationHospitalCode, DestinationHospitalName, ReferringInstitution), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        TempData["Message"] = $"已办理异地就医备案 {result.Value!.FilingNo}（{result.Value.PsnName}，{result.Value.FilingTypeName}，{result.Value.DestinationName}）。";
        return RedirectToPage("Index", new { q = result.Value.PsnNo });
    }
}
