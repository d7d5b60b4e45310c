using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Contributions;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>灵活就业人员缴费 (经办员): person, month, chosen base within floor/ceiling; posted with a journal entry.</summary>
public sealed class FlexibleModel(RecordFlexibleContributionHandler record, ContributionQueriesHandler queries, TimeProvider clock) : ContributionPageModel
{
    [BindProperty] public string? Person { get; set; }
    [BindProperty] public string? Month { get; set; }
    [BindProperty] public decimal? ChosenBase { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public string? ReceiptNo { get; set; }

    public IReadOnlyList<FlexibleRow> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = Application.Registry.RegistryLookups.TodayInChina(clock);
        Month = ContributionPeriod.Format(ContributionPeriod.Of(today));
        PaidOn = today;
        Recent = await queries.FlexibleAsync(null, 50, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new List<AppError>();
        if (ContributionAccess.ParseMonth(Month) is not { } period)
        {
            errors.Add(new AppError("invalid-period", "所属期：请填写月份，格式 yyyy-MM", "month"));
            period = 0;
        }

        if (ChosenBase is null)
        {
            errors.Add(new AppError("required", "缴费基数：请填写数字", "clct_base"));
        }

        if (PaidOn is null)
        {
            errors.Add(new AppError("required", "缴费日期：请填写有效日期（如 2026-11-05）", "paid_on"));
        }

        if (errors.Count == 0)
        {
            var r = await record.HandleAsync(new RecordFlexibleContribution(Person ?? "", period, ChosenBase!.Value, PaidOn!.Value, ReceiptNo ?? ""), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已登记灵活就业人员 {ContributionPeriod.Format(period)} 缴费 {Domain.Common.Money.FormatYuan(r.Value!.Amount)} 元（凭证号 {r.Value.JournalEntryId}）。";
                return RedirectToPage();
            }

            errors.AddRange(r.Errors);
        }

        Errors = errors;
        Recent = await queries.FlexibleAsync(null, 50, ct);
        return Page();
    }
}
