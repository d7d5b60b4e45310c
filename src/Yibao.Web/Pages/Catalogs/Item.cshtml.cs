using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Catalogs;

namespace Yibao.Web.Pages.Catalogs;

/// <summary>目录条目详情 with its version history.</summary>
public sealed class ItemModel(GetCatalogItemHandler get) : PageModel
{
    public CatalogItemDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        var d = code is null ? null : await get.HandleAsync(code, ct);
        if (d is null)
        {
            return NotFound();
        }

        Detail = d;
        return Page();
    }
}
