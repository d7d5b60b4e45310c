using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Web.Infrastructure;
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
        var (records, fileName, fileError) = await TabularUpload.ReadAsync(Upload, ct);
        FileName = fileName;
        if (fileError is not null || records is null)
        {
            RowErrors = [fileError!];
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
