using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Admin;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Settlement.Manual;

/// <summary>手工报销 list: by person/发票号/报销单号 and status; paged; Excel export (bank accounts masked).</summary>
[Authorize(Roles = OffsiteAccess.ReimbursementReaders)]
public sealed class IndexModel(SearchManualReimbursementsHandler search, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<ReimbursementRow> Rows { get; private set; } = null!;

    public bool CanEnter => User.IsInRole(Roles.Clerk);

    private SearchManualReimbursements Query => new(Keyword, Status, PageNumber, 20);

    public async Task OnGetAsync(CancellationToken ct) => Rows = await search.HandleAsync(Query, ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync(await search.ExportAsync(Query, ct), "手工报销", "手工报销", clock, ct);

    public string PageUrl(int page) => Url.Page("/Settlement/Manual/Index", new { q = Keyword, status = Status, p = page })!;
}
