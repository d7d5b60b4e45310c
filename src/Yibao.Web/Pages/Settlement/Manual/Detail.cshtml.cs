using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Admin;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Reports;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Settlement.Manual;

/// <summary>
/// 报销单 detail: the computed amounts and explanation; 审核员 approve or reject, and 撤销 an approved (paid) one with a reason;
/// 财务 records the person's 退回到账 of a reversed one; 报销单 PDF.
/// </summary>
[Authorize(Roles = OffsiteAccess.ReimbursementReaders)]
public sealed class DetailModel(IAppDbContext db, ReviewManualReimbursementHandler review, ReverseManualReimbursementHandler reverse,
    RecordReimbursementRefundHandler refund, TimeProvider clock, SiteOptions site) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? ReversalReason { get; set; }

    [BindProperty] public DateOnly? ReceivedDate { get; set; }

    public bool CanReverse => User.IsInRole(Roles.Reviewer) && R.Status == ReimbursementStatus.Approved;

    public bool CanRecordRefund => User.IsInRole(Roles.Finance) && R.Status == ReimbursementStatus.Reversed && R.RefundReceivedDate is null;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    public ManualReimbursement R { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public bool CanReview => User.IsInRole(Roles.Reviewer) && R.Status == ReimbursementStatus.Pending;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct) => ReviewAsync(id, true, ct);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken ct) => ReviewAsync(id, false, ct);

    public async Task<IActionResult> OnGetPdfAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            var pdf = await ReimbursementForm.PdfAsync(R, site.AgencyName, ct);
            return File(pdf, "application/pdf", $"报销单-{R.ReimbNo}.pdf");
        }
        catch (PlaywrightException)
        {
            Errors = [new AppError("pdf-unavailable", "报销单 PDF：" + ChromiumPdf.InstallHint)];
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReverseAsync(long id, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Reviewer))
        {
            return Forbid();
        }

        var result = await reverse.HandleAsync(new ReverseManualReimbursement(id, ReversalReason ?? ""), ct);
        if (!result.Succeeded)
        {
            return await LoadAsync(id, ct) ? ShowErrors(result.Errors) : NotFound();
        }

        TempData["Message"] = $"报销单 {result.Value!.ReimbNo} 已撤销：已冲减医疗待遇支出，记应收个人退回 {RegistryAccess.Yuan(result.Value.AmountOwedBack)} 元，年度累计已恢复。";
        return RedirectToPage("Detail", new { id });
    }

    public async Task<IActionResult> OnPostRefundAsync(long id, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Finance))
        {
            return Forbid();
        }

        if (ReceivedDate is null)
        {
            return await LoadAsync(id, ct) ? ShowErrors([new AppError("validation-failed", "到账日期：不能为空", "received_date")]) : NotFound();
        }

        var result = await refund.HandleAsync(new RecordReimbursementRefund(id, ReceivedDate.Value), ct);
        if (!result.Succeeded)
        {
            return await LoadAsync(id, ct) ? ShowErrors(result.Errors) : NotFound();
        }

        TempData["Message"] = $"报销单 {result.Value!.ReimbNo} 的个人退回款已登记到账（{ReceivedDate:yyyy-MM-dd}）。";
        return RedirectToPage("Detail", new { id });
    }

    private PageResult ShowErrors(IReadOnlyList<AppError> errors)
    {
        Errors = errors;
        return Page();
    }

    private async Task<IActionResult> ReviewAsync(long id, bool approve, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Reviewer))
        {
            return Forbid();
        }

        var result = await review.HandleAsync(new ReviewManualReimbursement(id, approve, Reason), ct);
        if (!result.Succeeded)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            Errors = result.Errors;
            return Page();
        }

        TempData["Message"] = approve
            ? $"报销单 {result.Value!.ReimbNo} 已审核通过，已记账支付 {RegistryAccess.Yuan(result.Value.FundPaySumamt)} 元。"
            : $"报销单 {result.Value!.ReimbNo} 已驳回。";
        return RedirectToPage("Detail", new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await db.ManualReimbursements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        R = r!;
        return r is not null;
    }
}
