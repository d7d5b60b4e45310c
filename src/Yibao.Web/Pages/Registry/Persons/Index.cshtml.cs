using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>人员查询: 身份证号 / 人员编号 / 姓名, paged, Excel export. 证件号码 masked unless 经办员/审核员.</summary>
public sealed class IndexModel(SearchPersonsHandler search, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Keyword { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<PersonRow> Persons { get; private set; } = null!;

    private SearchPersons Query => new(Keyword, PageNumber, PageSize, RegistryAccess.ShowFullId(User));

    public async Task OnGetAsync(CancellationToken ct) => Persons = await search.HandleAsync(Query, ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync(await search.ExportAsync(Query, ct), "参保人员", "参保人员", clock, ct);

    public string PageUrl(int page) => Url.Page("/Registry/Persons/Index", new { q = Keyword, p = page })!;
}
