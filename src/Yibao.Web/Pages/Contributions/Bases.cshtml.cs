using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Catalogs;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>缴费基数申报: list (year, employer, keyword), single declaration, batch import with template (经办员), Excel export.</summary>
[RequestSizeLimit(50_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 50_000_000)]
public sealed class BasesModel(ContributionQueriesHandler queries, DeclareContributionBaseHandler declare, ImportContributionBasesHandler import, TimeProvider clock) : ContributionPageModel
{
    public const int ShownErrors = 500;

    [BindProperty(SupportsGet = true, Name = "year")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "employer")] public long? EmployerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public string? Person { get; set; }
    [BindProperty] public decimal? DeclaredBase { get; set; }
    [BindProperty] public bool Clamp { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public PagedList<BaseRow> Rows { get; private set; } = null!;
    public IReadOnlyList<ImportRowError> RowErrors { get; private set; } = [];
    public BaseImportSummary? Imported { get; private set; }
    public string? FileName { get; private set; }

    private bool FullId => RegistryAccess.ShowFullId(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year ??= Application.Registry.RegistryLookups.TodayInChina(clock).Year;
        Rows = await queries.BasesAsync(Year, EmployerId, Keyword, FullId, PageNumber, 50, ct);
    }

    public async Task<IActionResult> OnPostDeclareAsync(CancellationToken ct)
    {
        if (RequireWrite() is { } denied)
        {
            return denied;
        }

        Year ??= Application.Registry.RegistryLookups.TodayInChina(clock).Year;
        if (DeclaredBase is null)
        {
            Errors = [new AppError("required", "申报基数：请填写数字", "clct_base")];
        }
        else
        {
            var r = await declare.HandleAsync(new DeclareContributionBase(Employer ?? "", Person ?? "", Year.Value, DeclaredBase.Value, Clamp ? BaseCheckMode.Clamp : BaseCheckMode.Refuse), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已申报 {Year} 年度缴费基数 {Domain.Common.Money.FormatYuan(DeclaredBase.Value)} 元。";
                return RedirectToPage(new { year = Year, q = Keyword, employer = EmployerId });
            }

            Errors = r.Errors;
        }

        Rows = await queries.BasesAsync(Year, EmployerId, Keyword, FullId, PageNumber, 50, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (RequireWrite() is { } denied)
        {
            return denied;
        }

        var (records, fileName, fileError) = await TabularUpload.ReadAsync(Upload, ct);
        FileName = fileName;
        if (fileError is not null || records is null)
        {
            RowErrors = [fileError!];
        }
        else
        {
            var outcome = await import.HandleAsync(new ImportContributionBases(fileName, records, Clamp ? BaseCheckMode.Clamp : BaseCheckMode.Refuse), ct);
            RowErrors = outcome.Errors;
            Imported = outcome.Summary;
        }

        Year ??= Application.Registry.RegistryLookups.TodayInChina(clock).Year;
        Rows = await queries.BasesAsync(Year, EmployerId, Keyword, FullId, PageNumber, 50, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await queries.BasesExportAsync(Year, EmployerId, Keyword, FullId, ct);
        return await ExcelFile.CreateAsync(rows.Select(b => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["单位编号"] = b.EmployerNo, ["单位名称"] = b.EmployerName, ["人员编号"] = b.PsnNo, ["证件号码"] = b.Certno, ["姓名"] = b.Name,
            ["缴费年度"] = b.Year, ["申报基数"] = b.DeclaredBase, ["核定基数"] = b.ApprovedBase, ["申报日期"] = b.DeclaredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }).ToList(), "缴费基数", "缴费基数", clock, ct);
    }

    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken ct)
    {
        var year = Application.Registry.RegistryLookups.TodayInChina(clock).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[][] rows = [["（单位编号或统一社会信用代码）", "（18 位公民身份号码）", year, "5000.00"]];
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(ContributionTemplates.Csv(ImportContributionBasesHandler.Columns, rows), "text/csv; charset=utf-8", "缴费基数申报模板.csv")
            : File(await ContributionTemplates.XlsxAsync(ImportContributionBasesHandler.Columns, rows, "缴费基数申报", ct), ExcelFile.ContentType, "缴费基数申报模板.xlsx");
    }

    public string PageUrl(int page) => Url.Page("/Contributions/Bases", new { year = Year, employer = EmployerId, q = Keyword, p = page })!;
}
