using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Funds;
using Yibao.Application.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Funds;

/// <summary>科目余额表: per fund and account, opening, debit, credit, closing for a period; asserts debit = credit; Excel export.</summary>
public sealed class TrialBalanceModel(GetTrialBalanceHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public TrialBalance? Report { get; private set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Report is null
            ? BadRequest(string.Join("；", Errors.Select(e => e.Message)))
            : await ExcelFile.CreateAsync(GetTrialBalanceHandler.ToRows(Report), "科目余额表", "科目余额表", clock, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.TodayInChina();
        From ??= new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To ??= today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!DateOnly.TryParseExact(From.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(To.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            Errors = [new AppError("validation-failed", "期间：开始日期和结束日期须为 yyyy-MM-dd 格式")];
            return;
        }

        var r = await handler.HandleAsync(new GetTrialBalance(from, to), ct);
        if (r.Succeeded)
        {
            Report = r.Value;
        }
        else
        {
            Errors = r.Errors;
        }
    }
}
