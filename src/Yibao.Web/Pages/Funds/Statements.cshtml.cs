using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Playwright;
using Yibao.Application.Common;
using Yibao.Application.Funds;
using Yibao.Domain.Funds;
using Yibao.Infrastructure.Reports;
using Yibao.Infrastructure.Reports.Funds;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Funds;

/// <summary>月结算单: one institution and month, Excel and PDF; 财务 records 拨付 against it.</summary>
public sealed class StatementsModel(GetMonthlyStatementHandler statements, RecordDisbursementHandler disburse, Yibao.Application.Institutions.SearchInstitutionsHandler institutions,
    GenerateStatementsHandler generate, ListStoredStatementsHandler stored, TimeProvider clock) : PageModel
{
    /// <summary>Stored (generated, frozen) 月结算单 of the selected month: of the selected institution, or all when none is selected.</summary>
    public IReadOnlyList<StoredStatementView> Stored { get; private set; } = [];

    /// <summary>生成并冻结 (财务): the selected institution's statement of the month, or every institution's when none is selected.</summary>
    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        if (!CanDisburse)
        {
            return Forbid();
        }

        if (ParsePeriod() is not { } period)
        {
            return Page();
        }

        var r = await generate.HandleAsync(new GenerateStatements(period.Year, period.Month, string.IsNullOrWhiteSpace(Institution) ? null : Institution), ct);
        if (r.Succeeded)
        {
            Message = $"{period.Year} 年 {period.Month} 月结算单：新生成 {r.Value!.Generated.Count} 张，此前已生成 {r.Value.AlreadyGenerated.Count} 张。";
        }

        await LoadAsync(ct);
        Errors = [.. r.Errors, .. Errors];
        return Page();
    }

    public IReadOnlyList<Yibao.Domain.Institutions.Institution> Institutions { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Institution { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    [BindProperty] public FundCode Fund { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? PaidOn { get; set; }
    [BindProperty] public string? DisbursementNo { get; set; }
    [BindProperty] public string? Memo { get; set; }

    public MonthlyStatement? Statement { get; private set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanDisburse => SettlementAccess.CanDisburse(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Period ??= Yibao.Application.Registry.RegistryLookups.TodayInChina(clock).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Statement is null
            ? BadRequest(string.Join("；", Errors.Select(e => e.Message)))
            : await ExcelFile.CreateAsync(GetMonthlyStatementHandler.ToRows(Statement), "月结算单", $"月结算单-{Statement.Institution.Code}-{Statement.Year}{Statement.Month:00}", clock, ct);
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Statement is null)
        {
            return BadRequest(string.Join("；", Errors.Select(e => e.Message)));
        }

        try
        {
            var pdf = await StatementPdf.PdfAsync(Statement, clock.GetUtcNow().UtcDateTime, ct);
            return File(pdf, "application/pdf", $"月结算单-{Statement.Institution.Code}-{Statement.Year}{Statement.Month:00}.pdf");
        }
        catch (PlaywrightException)
        {
            Errors = [new AppError("pdf-unavailable", "PDF：" + ChromiumPdf.InstallHint)];
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDisburseAsync(CancellationToken ct)
    {
        if (!CanDisburse)
        {
            return Forbid();
        }

        if (ParsePeriod() is not { } period)
        {
            return Page();
        }

        var errors = new List<AppError>();
        if (!decimal.TryParse((Amount ?? "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            errors.Add(new AppError("validation-failed", "拨付金额：须为数字金额"));
        }

        if (!DateOnly.TryParseExact((PaidOn ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var paidOn))
        {
            errors.Add(new AppError("validation-failed", "拨付日期：须为 yyyy-MM-dd 格式的日期"));
        }

        if (errors.Count == 0)
        {
            var r = await disburse.HandleAsync(new RecordDisbursement(Institution ?? "", period.Year, period.Month, Fund, amount, paidOn, DisbursementNo ?? "", Memo), ct);
            if (r.Succeeded)
            {
                Message = $"拨付已登记：{JournalEntry.FundName(r.Value!.Fund)} {RegistryAccess.Yuan(r.Value.Amount)} 元（拨付单号 {r.Value.DisbursementNo}）。";
                Amount = DisbursementNo = Memo = null;
            }
            else
            {
                errors.AddRange(r.Errors);
            }
        }

        await LoadAsync(ct);
        Errors = [.. errors, .. Errors];
        return Page();
    }

    private (int Year, int Month)? ParsePeriod()
    {
        if (DateOnly.TryParseExact((Period ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return (d.Year, d.Month);
        }

        Errors = [new AppError("validation-failed", "结算月份：须为 yyyy-MM 格式")];
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PaidOn ??= Yibao.Application.Registry.RegistryLookups.TodayInChina(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Institutions = (await institutions.HandleAsync(new Yibao.Application.Institutions.SearchInstitutions(PageSize: 200), ct)).Items;
        if (ParsePeriod() is not { } period)
        {
            return;
        }

        var code = Institution?.Trim();
        Stored = [.. (await stored.HandleAsync(new ListStoredStatements(period.Year, period.Month), ct))
            .Where(x => string.IsNullOrEmpty(code) || string.Equals(x.FixmedinsCode, code, StringComparison.Ordinal))];
        if (string.IsNullOrWhiteSpace(Institution))
        {
            return;
        }

        var r = await statements.HandleAsync(new GetMonthlyStatement(Institution, period.Year, period.Month), ct);
        if (r.Succeeded)
        {
            Statement = r.Value;
        }
        else
        {
            Errors = r.Errors;
        }
    }
}
