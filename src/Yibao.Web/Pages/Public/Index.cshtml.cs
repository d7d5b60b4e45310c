using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yibao.Web.Pages.PublicPortal;

/// <summary>公共服务首页 (anonymous, /public): the public services, among them the disclosures and the disclosure self-check.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
