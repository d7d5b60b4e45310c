using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Accounts;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;

namespace Yibao.Web.Pages.Funds;

/// <summary>个人账户批处理 (财务): run the monthly 划入 for a month and the annual 计息 for a year, with the result summary.</summary>
[Authorize(Roles = Roles.Finance)]
public sealed class AccountJobsModel(CreditPersonalAccountsHandler credit, PostAccountInterestHandler interest, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Month { get; set; }
    [BindProperty] public int? Year { get; set; }

    public AccountCreditSummary? CreditResult { get; private set; }
    public AccountInterestSummary? InterestResult { get; private set; }
    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public void OnGet() => Defaults();

    public async Task<IActionResult> OnPostCreditAsync(CancellationToken ct)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(Month ?? "", "^[0-9]{4}-[0-9]{2}$"))
        {
            Errors = [new AppError("validation-failed", "划入月份：须为 yyyy-MM 格式（如 2026-03）", "month")];
        }
        else
        {
            var r = await credit.HandleAsync(new CreditPersonalAccounts(
                int.Parse(Month![..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(Month[5..], System.Globalization.CultureInfo.InvariantCulture)), ct);
            if (r.Succeeded)
            {
                CreditResult = r.Value;
            }
            else
            {
                Errors = r.Errors;
            }
        }

        Year ??= clock.TodayInChina().Year - 1;
        return Page();
    }

    public async Task<IActionResult> OnPostInterestAsync(CancellationToken ct)
    {
        if (Year is not { } year)
        {
            Errors = [new AppError("validation-failed", "计息年度：须为 4 位年份", "year")];
        }
        else
        {
            var r = await interest.HandleAsync(new PostAccountInterest(year), ct);
            if (r.Succeeded)
            {
                InterestResult = r.Value;
            }
            else
            {
                Errors = r.Errors;
            }
        }

        Month ??= clock.TodayInChina().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    private void Defaults()
    {
        var today = clock.TodayInChina();
        Month ??= today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Year ??= today.Year - 1;
    }
}
