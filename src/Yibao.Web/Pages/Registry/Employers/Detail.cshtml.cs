using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Registry.Employers;

/// <summary>参保单位详情: identity and staff (persons enrolled with the employer), paged.</summary>
public sealed class DetailModel(GetEmployerDetailHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public EmployerDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var detail = await handler.HandleAsync(new GetEmployerDetail(id, PageNumber, 20, RegistryAccess.ShowFullId(User)), ct);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }

    public string PageUrl(int page) => Url.Page("/Registry/Employers/Detail", new { id = Detail.Employer.Id, p = page })!;
}
