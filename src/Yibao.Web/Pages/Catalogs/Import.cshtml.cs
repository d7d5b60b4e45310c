using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Catalogs;
using Yibao.Domain.Admin;
using Yibao.Domain.Catalogs;
using Yibao.Web.Infrastructure;
using Yibao.Infrastructure.Catalogs;

namespace Yibao.Web.Pages.Catalogs;

/// <summary>目录导入 (系统管理员): CSV or Excel, all-or-nothing, with a row-by-row error report and a template.</summary>
[Authorize(Roles = Roles.Administrator)]
[RequestSizeLimit(50_000_000)]
public sealed class ImportModel(ImportCatalogHandler import) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool FullReplace { get; set; }

    public IReadOnlyList<ImportRowError> RowErrors { get; private set; } = [];

    public CatalogImportSummary? Result { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (records, fileName, fileError) = await TabularUpload.ReadAsync(Upload, ct);
        FileName = fileName;
        if (fileError is not null || records is null)
        {
            RowErrors = [fileError!];
            return Page();
        }

        var outcome = await import.HandleAsync(new ImportCatalog(FileName, records, FullReplace), ct);
        RowErrors = outcome.Errors;
        Result = outcome.Version;
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken ct) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(CatalogFiles.ToCsvBytes(CatalogFiles.TemplateItems), "text/csv; charset=utf-8", "医保目录导入模板.csv")
            : File(await CatalogFiles.ToXlsxAsync(CatalogFiles.TemplateItems, ct), Infrastructure.ExcelFile.ContentType, "医保目录导入模板.xlsx");
}
