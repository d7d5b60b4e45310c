using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;

namespace Yibao.Web.Pages.Budget;

/// <summary>导入预算文件 (财务): upload a yibao-budget/1 JSON or paste it.</summary>
public sealed class ImportModel(ImportBudgetHandler import) : PageModel
{
    [BindProperty]
    public string? Json { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        string? name = null;
        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream());
            Json = await reader.ReadToEndAsync(ct);
            name = Path.GetFileName(Upload.FileName);
        }
        var r = await import.HandleAsync(new ImportBudget(Json ?? "", name), ct);
        if (!r.Succeeded)
        {
            Errors = r.Errors;
            return Page();
        }
        return RedirectToPage("View", new { id = r.Value!.Id });
    }
}
