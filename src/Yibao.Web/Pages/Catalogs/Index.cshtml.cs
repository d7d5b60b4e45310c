using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Catalogs;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;
using Yibao.Infrastructure.Catalogs;

namespace Yibao.Web.Pages.Catalogs;

/// <summary>医保目录 browse/search: code or name, 目录类别, 甲乙丙; 50 per page; Excel export of the filtered list.</summary>
public sealed class IndexModel(SearchCatalogHandler search, ListCatalogVersionsHandler versions, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public CatalogListType? ListType { get; set; }

    [BindProperty(SupportsGet = true, Name = "lv")]
    public PaymentCategory? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<CatalogEntry> Items { get; private set; } = null!;

    public IReadOnlyList<CatalogVersion> Versions { get; private set; } = [];

    private SearchCatalog Query => new(Text, ListType, Category, false, PageNumber, 50);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await search.HandleAsync(Query, ct);
        Versions = await versions.HandleAsync(5, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var items = await search.ExportAsync(Query, ct);
        var stamp = (clock.GetUtcNow() + TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return File(await CatalogFiles.ToXlsxAsync(items, ct), Infrastructure.ExcelFile.ContentType, $"医保目录-{stamp}.xlsx");
    }

    public string PageUrl(int page) => Url.Page("/Catalogs/Index", new { q = Text, type = ListType, lv = Category, p = page })!;

    public string ExportUrl => Url.Page("/Catalogs/Index", "Export", new { q = Text, type = ListType, lv = Category })!;
}
