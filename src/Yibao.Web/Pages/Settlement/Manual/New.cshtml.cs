using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Admin;

namespace Yibao.Web.Pages.Settlement.Manual;

/// <summary>手工报销录入 (经办员): header, up to <see cref="LineRows"/> invoice lines (blank rows ignored), bank account; saved 待审核.</summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class NewModel(EnterManualReimbursementHandler handler, TimeProvider clock) : PageModel
{
    public const int LineRows = 10;

    public sealed class LineForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public decimal? Cnt { get; set; }
        public decimal? Pric { get; set; }
        public decimal? Amount { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Name) && Cnt is null && Pric is null && Amount is null;
    }

    [BindProperty(SupportsGet = true)] public string? PsnNo { get; set; }
    [BindProperty] public string Insutype { get; set; } = "390";
    [BindProperty] public string MedType { get; set; } = "21";
    [BindProperty] public string? InstitutionName { get; set; }
    [BindProperty] public string? InstitutionAreaCode { get; set; }
    [BindProperty] public int InstitutionLevel { get; set; } = 3;
    [BindProperty] public DateOnly? BeginDate { get; set; }
    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public string? DiseCodg { get; set; }
    [BindProperty] public string? DiseName { get; set; }
    [BindProperty] public string? ChronicDisease { get; set; }
    [BindProperty] public string? InvoiceNo { get; set; }
    [BindProperty] public decimal? MedfeeSumamt { get; set; }
    [BindProperty] public List<LineForm> Lines { get; set; } = [];
    [BindProperty] public string? BankAccountName { get; set; }
    [BindProperty] public string? BankName { get; set; }
    [BindProperty] public string? BankAccountNo { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public string Invalid(string field) => Errors.Any(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase)) ? "is-invalid" : "";

    public void OnGet() => Pad();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new List<AppError>();
        if (BeginDate is null)
        {
            errors.Add(new AppError("date-required", "开始日期 begntime：请填写有效日期（如 2025-01-01）", "begntime"));
        }

        if (EndDate is null)
        {
            errors.Add(new AppError("date-required", "结束日期 endtime：请填写有效日期（如 2025-01-01）", "endtime"));
        }

        if (MedfeeSumamt is null)
        {
            errors.Add(new AppError("amount-required", "医疗费总额 medfee_sumamt：请填写金额", "medfee_sumamt"));
        }

        var lines = new List<ManualLineInput>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var l = Lines[i];
            if (l.IsBlank)
            {
                continue;
            }

            if (l.Cnt is null || l.Pric is null || l.Amount is null)
            {
                errors.Add(new AppError("line-incomplete", $"费用明细第 {i + 1} 行：数量、单价、金额都要填写（分类合计可填数量 1）", "lines"));
                continue;
            }

            lines.Add(new ManualLineInput(l.Code, l.Name ?? "", l.Cnt.Value, l.Pric.Value, l.Amount.Value));
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            Pad();
            return Page();
        }

        var result = await handler.HandleAsync(new EnterManualReimbursement(PsnNo ?? "", Insutype, MedType, InstitutionName ?? "", InstitutionAreaCode ?? "", InstitutionLevel,
            BeginDate!.Value, EndDate!.Value, DiseCodg, DiseName, ChronicDisease, InvoiceNo ?? "", MedfeeSumamt!.Value, lines, BankAccountName ?? "", BankName ?? "", BankAccountNo ?? ""), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Pad();
            return Page();
        }

        TempData["Message"] = $"已录入报销单 {result.Value!.ReimbNo}，待审核。";
        return RedirectToPage("Detail", new { id = result.Value.Id });
    }

    private void Pad()
    {
        BeginDate ??= clock.TodayInChina();
        EndDate ??= BeginDate;
        while (Lines.Count < LineRows)
        {
            Lines.Add(new LineForm());
        }
    }
}
