using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Catalogs;
using Yibao.Domain.Admin;
using Yibao.Domain.Catalogs;
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
        if (Upload is null || Upload.Length == 0)
        {
            RowErrors = [new ImportRowError(0, "文件", "请选择要导入的 .csv 或 .xlsx 文件")];
            return Page();
        }

        FileName = Upload.FileName;
        if (!FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !CatalogFiles.IsExcel(FileName))
        {
            RowErrors = [new ImportRowError(0, "文件", "只支持 .csv（UTF-8）和 .xlsx 文件")];
            return Page();
        }

        List<IReadOnlyList<string>> records;
        try
        {
            await using var s = Upload.OpenReadStream();
            using var buffer = new MemoryStream();
            await s.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            records = CatalogFiles.ReadRecords(buffer, FileName);
        }
#pragma warning disable CA1031 // An unreadable upload is reported to the user, never a 500.
        catch (Exception)
#pragma warning restore CA1031
        {
            RowErrors = [new ImportRowError(0, "文件", "无法读取文件内容，请确认是 UTF-8 编码的 CSV 或 Excel 2007 及以上的 .xlsx 文件")];
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
