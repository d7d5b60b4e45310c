using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Supervision;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Supervision;

/// <summary>检查计划 list and (稽核员) a new plan: title, 检查期间, 检查范围, 检查人员, institutions.</summary>
public sealed class InspectionsModel(InspectionQueriesHandler inspections, CreateInspectionPlanHandler create, Yibao.Application.Institutions.SearchInstitutionsHandler institutions) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? PeriodFrom { get; set; }
    [BindProperty] public string? PeriodTo { get; set; }
    [BindProperty] public string? Scope { get; set; }
    [BindProperty] public string? Inspectors { get; set; }
    [BindProperty] public string? InstitutionCodes { get; set; }

    public IReadOnlyList<InspectionPlanRow> Rows { get; private set; } = [];

    public IReadOnlyList<Yibao.Domain.Institutions.Institution> Institutions { get; private set; } = [];

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public bool CanWrite => SupervisionAccess.CanWrite(User);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        var from = SupervisionAccess.Date(PeriodFrom, "检查期间开始日期", errors);
        var to = SupervisionAccess.Date(PeriodTo, "检查期间结束日期", errors);
        if (errors.Count == 0)
        {
            var codes = (InstitutionCodes ?? "").Split([',', '，', '、', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            var r = await create.HandleAsync(new CreateInspectionPlan(Title ?? "", from!.Value, to!.Value, Scope ?? "", Inspectors ?? "", codes), ct);
            if (r.Succeeded)
            {
                return RedirectToPage("Plan", new { id = r.Value!.Id });
            }

            errors.AddRange(r.Errors);
        }

        Errors = errors;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await inspections.ListAsync(Year, ct);
        Institutions = (await institutions.HandleAsync(new Yibao.Application.Institutions.SearchInstitutions(PageSize: 200), ct)).Items;
    }
}
