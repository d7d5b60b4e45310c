using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Employers;

/// <summary>参保单位: search by 单位编号 / 统一社会信用代码 / 名称, paged, Excel export.</summary>
public sealed class IndexModel(SearchEmployersHandler search, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Keyword { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<EmployerRow> Employers { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Employers = await search.HandleAsync(new SearchEmployers(Keyword, PageNumber), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync(await search.ExportAsync(new SearchEmployers(Keyword), ct), "参保单位", "参保单位", clock, ct);

    public string PageUrl(int page) => Url.Page("/Registry/Employers/Index", new { q = Keyword, p = page })!;
}
