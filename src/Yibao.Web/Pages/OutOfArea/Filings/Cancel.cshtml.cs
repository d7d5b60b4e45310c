using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.OutOfArea;
using Yibao.Domain.Admin;
using Yibao.Domain.OutOfArea;

namespace Yibao.Web.Pages.OutOfArea.Filings;

/// <summary>撤销异地就医备案 with a reason (经办员).</summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class CancelModel(CancelOutOfAreaFilingHandler handler, IAppDbContext db) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    public OutOfAreaFiling Filing { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await handler.HandleAsync(new CancelOutOfAreaFiling(Filing.FilingNo, Reason ?? ""), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        TempData["Message"] = $"已撤销备案 {Filing.FilingNo}。";
        return RedirectToPage("Index", new { q = Filing.PsnNo });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var f = await db.OutOfAreaFilings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        Filing = f!;
        return f is not null;
    }
}
