using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Infrastructure.Registry;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>参保登记批量导入 (经办员): Excel or CSV, all-or-nothing, with a row-by-row error report and the templates.</summary>
[Authorize(Policy = Yibao.Web.Policies.RegistryWrite)]
[RequestSizeLimit(100_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 100_000_000)]
public sealed class ImportModel(ImportPersonsHandler import) : PageModel
{
    /// <summary>Rows shown in the error table; the count names the rest.</summary>
    public const int ShownErrors = 500;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<ImportRowError> RowErrors { get; private set; } = [];

    public PersonImportSummary? Result { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            RowErrors = [new ImportRowError(0, "文件", "请选择要导入的 .xlsx 或 .csv 文件")];
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        if (!FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            RowErrors = [new ImportRowError(0, "文件", "只支持 .xlsx 和 .csv（UTF-8）文件")];
            return Page();
        }

        List<IReadOnlyList<string>> records;
        try
        {
            await using var s = Upload.OpenReadStream();
            using var buffer = new MemoryStream();
            await s.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            records = PersonImportFiles.ReadRecords(buffer, FileName);
        }
#pragma warning disable CA1031 // An unreadable upload is reported to the user, never a 500.
        catch (Exception)
#pragma warning restore CA1031
        {
            RowErrors = [new ImportRowError(0, "文件", "无法读取文件内容，请确认是 Excel 2007 及以上的 .xlsx 文件或 UTF-8 编码的 CSV 文件")];
            return Page();
        }

        var outcome = await import.HandleAsync(new ImportPersons(FileName, records), ct);
        RowErrors = outcome.Errors;
        Result = outcome.Summary;
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken ct) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(PersonImportFiles.TemplateCsv(), "text/csv; charset=utf-8", PersonImportFiles.TemplateName + ".csv")
            : File(await PersonImportFiles.TemplateXlsxAsync(ct), Infrastructure.ExcelFile.ContentType, PersonImportFiles.TemplateName + ".xlsx");
}
