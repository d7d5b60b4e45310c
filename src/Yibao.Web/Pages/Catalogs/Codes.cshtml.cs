using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Catalogs;
using Yibao.Application.Common;
using Yibao.Domain.Admin;
using Yibao.Domain.Catalogs;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Catalogs;

/// <summary>
/// 诊断目录 / 手术操作目录: browse and search by code prefix or name, Excel export of the filtered list; 系统管理员 imports
/// a .csv/.xlsx (code, name), all-or-nothing with a row-by-row error report, upserting by code.
/// </summary>
[RequestSizeLimit(50_000_000)]
public sealed class CodesModel(SearchCodeTableHandler search, ImportCodeTableHandler import, TimeProvider clock) : PageModel
{
    /// <summary>"diag" (诊断, default) or "oprn" (手术操作).</summary>
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public bool Procedures => string.Equals(Kind, "oprn", StringComparison.Ordinal);

    public string TableName => Procedures ? "手术操作目录" : "诊断目录";

    public (string Code, string Name) Columns => Procedures ? ("oprn_oprt_code", "oprn_oprt_name") : ("diag_code", "diag_name");

    public PagedList<CodeTableRow> Items { get; private set; } = null!;

    public IReadOnlyList<ImportRowError> RowErrors { get; private set; } = [];

    public CodeTableImportOutcome? Imported { get; private set; }

    public string? FileName { get; private set; }

    private SearchCodeTable Query => new(Procedures, Text, PageNumber, 50);

    public async Task OnGetAsync(CancellationToken ct) => Items = await search.HandleAsync(Query, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Administrator))
        {
            return Forbid();
        }

        var (records, fileName, fileError) = await TabularUpload.ReadAsync(Upload, ct);
        FileName = fileName;
        if (fileError is not null || records is null)
        {
            RowErrors = [fileError!];
        }
        else
        {
            var outcome = await import.HandleAsync(new ImportCodeTable(Procedures, records), ct);
            RowErrors = outcome.Errors;
            Imported = outcome.Succeeded ? outcome : null;
        }

        Items = await search.HandleAsync(Query with { Text = null, Page = 1 }, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = (await search.ExportAsync(Query, ct))
            .Select(r => new Dictionary<string, object?> { [Columns.Code] = r.Code, [Columns.Name] = r.Name })
            .ToList();
        return await ExcelFile.CreateAsync(rows, TableName, TableName, clock, ct);
    }

    /// <summary>A CSV template with the national column names and one example row.</summary>
    public IActionResult OnGetTemplate()
    {
        var example = Procedures ? "47.0100x001,腹腔镜下阑尾切除术" : "J18.900,肺炎";
        var csv = $"{Columns.Code},{Columns.Name}\r\n{example}\r\n";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"{TableName}导入模板.csv");
    }

    public string PageUrl(int page) => Url.Page("/Catalogs/Codes", new { kind = Kind, q = Text, p = page })!;

    public string ExportUrl => Url.Page("/Catalogs/Codes", "Export", new { kind = Kind, q = Text })!;
}
