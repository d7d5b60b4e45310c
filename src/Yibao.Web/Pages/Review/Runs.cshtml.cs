using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Review;
using Yibao.Domain.Review;

namespace Yibao.Web.Pages.Review;

/// <summary>事后审核: run all enabled 事后 rules (or the listed ones) over a period; the list of runs with their timings.</summary>
public sealed class RunsModel(RunReviewHandler run, SearchReviewFlagsHandler flags, TimeProvider clock) : PageModel
{
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? RuleCodes { get; set; }

    public IReadOnlyList<ReviewRun> Runs { get; private set; } = [];
    public IReadOnlyList<AppError> Errors { get; private set; } = [];
    public ReviewRun? Started { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.TodayInChina();
        From ??= new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To ??= today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Runs = await flags.RunsAsync(50, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new List<AppError>();
        DateOnly Date(string? s, string label)
        {
            if (DateOnly.TryParseExact((s ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            errors.Add(new AppError(ReviewErrors.Validation, $"{label}：须为 yyyy-MM-dd 格式的日期"));
            return default;
        }

        var from = Date(From, "开始日期");
        var to = Date(To, "结束日期");
        if (errors.Count == 0)
        {
            var codes = (RuleCodes ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var r = await run.HandleAsync(new RunReview(from, to, codes), ct);
            if (r.Succeeded)
            {
                Started = r.Value;
            }
            else
            {
                errors.AddRange(r.Errors);
            }
        }

        Errors = errors;
        await OnGetAsync(ct);
        return Page();
    }
}
