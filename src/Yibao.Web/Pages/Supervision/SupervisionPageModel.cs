using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;

namespace Yibao.Web.Pages.Supervision;

/// <summary>
/// The supervision pages that post actions (案件, 检查, 举报): a write runs only for a permitted role, collects Chinese errors
/// or a success message, then the page reloads what it shows (404 when the record is gone).
/// </summary>
public abstract class SupervisionPageModel : PageModel
{
    public IReadOnlyList<AppError> Errors { get; protected set; } = [];

    public string? Message { get; protected set; }

    /// <summary>Loads what the page shows; false when its record does not exist.</summary>
    protected abstract Task<bool> LoadAsync(CancellationToken ct);

    /// <summary>Adds <paramref name="source"/> to <paramref name="errors"/>; null, so a failed write shows no message.</summary>
    protected static string? Fail(IEnumerable<AppError> source, List<AppError> errors)
    {
        errors.AddRange(source);
        return null;
    }

    protected async Task<IActionResult> WriteAsync(bool allowed, Func<List<AppError>, Task<string?>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!allowed)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        Message = await work(errors);
        Errors = errors;
        return await LoadAsync(ct) ? Page() : NotFound();
    }
}
