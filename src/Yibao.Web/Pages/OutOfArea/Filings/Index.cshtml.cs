using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.OutOfArea;
using Yibao.Domain.Admin;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.OutOfArea.Filings;

/// <summary>异地就医备案查询: by person, 备案类别, 状态 and a date covered; paged; Excel export.</summary>
[Authorize(Roles = OffsiteAccess.FilingReaders)]
public sealed class IndexModel(SearchFilingsHandler search, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "on")] public DateOnly? ValidOn { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<FilingRow> Filings { get; private set; } = null!;

    public bool CanWrite => User.IsInRole(Roles.Clerk);

    private SearchFilings Query => new(Keyword, Type, Status, ValidOn, PageNumber, 20);

    public async Task OnGetAsync(CancellationToken ct) => Filings = await search.HandleAsync(Query, ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync(await search.ExportAsync(Query, ct), "异地就医备案", "异地就医备案", clock, ct);

    public string PageUrl(int page) => Url.Page("/OutOfArea/Filings/Index", new { q = Keyword, type = Type, status = Status, on = ValidOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p = page })!;
}
