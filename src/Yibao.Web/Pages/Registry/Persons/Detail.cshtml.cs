using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>人员详情: everything about one person; the actions link to the 经办员 forms.</summary>
public sealed class DetailModel(GetPersonDetailHandler handler) : PageModel
{
    public PersonDetail Detail { get; private set; } = null!;

    public bool CanWrite => RegistryAccess.CanWrite(User);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var detail = await handler.HandleAsync(new GetPersonDetail(id, RegistryAccess.ShowFullId(User)), ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }
}
