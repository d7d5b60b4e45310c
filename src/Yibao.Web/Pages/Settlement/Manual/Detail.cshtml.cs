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

/// <summary>报销单 detail: the computed amounts and explanation; 审核员 approve or reject; 报销单 PDF.</summary>
[Authorize(Roles = OffsiteAccess.ReimbursementReaders)]
public sealed class DetailModel(IAppDbContext db, ReviewManualReimbursementHandler review, SiteOptions site) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

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
