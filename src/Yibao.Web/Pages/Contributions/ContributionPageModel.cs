using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>Base of the 征缴 pages: errors in Chinese on the named fields, and the write check for 经办员.</summary>
public abstract class ContributionPageModel : PageModel
{
    public IReadOnlyList<AppError> Errors { get; protected set; } = [];

    public bool CanWrite => ContributionAccess.CanWrite(User);

    public string Invalid(params string[] fields) =>
        Errors.Any(e => fields.Any(f => string.Equals(e.Field, f, StringComparison.OrdinalIgnoreCase))) ? "is-invalid" : string.Empty;

    protected IActionResult? RequireWrite() => CanWrite ? null : Forbid();
}
