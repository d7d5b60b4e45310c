using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Policies;
using Yibao.Domain.Admin;

namespace Yibao.Web.Pages.Policies;

/// <summary>导入 (no id) or 编辑 a 草稿 (id): JSON in a text box or an uploaded file, validated on the server with errors by JSON path.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class EditModel(SavePolicyVersionHandler save, PolicyQueriesHandler queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public string? Json { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var v = await queries.GetAsync(id, ct);
            if (v is null)
            {
                return NotFound();
            }

            Json = v.Json;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream());
            Json = await reader.ReadToEndAsync(ct);
        }

        var r = await save.HandleAsync(new SavePolicyVersion(Json ?? "", Id), ct);
        if (!r.Succeeded)
        {
            Errors = r.Errors;
            return Page();
        }

        return RedirectToPage("View", new { id = r.Value!.Id });
    }
}
