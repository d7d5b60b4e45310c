using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Contributions;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>税务入库记录: list, import with template (经办员; all-or-nothing, each payment posted to the 职工统筹基金), Excel export.</summary>
[RequestSizeLimit(50_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 50_000_000)]
public sealed class PaymentsModel(ContributionQueriesHandler queries, ImportEmployerPaymentsHandler import, TimeProvider clock) : ContributionPageModel
{
    [BindProperty(SupportsGet = true, Name = "month")] public string? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "employer")] public long? EmployerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public IFormFile? Upload { get; set; }

    public PagedList<PaymentRow> Rows { get; private set; } = null!;
    public IReadOnlyList<ImportRowError> RowErrors { get; private set; } = [];
    public PaymentImportSummary? Imported { get; private set; }
    public string? FileName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await queries.PaymentsAsync(ContributionAccess.ParseMonth(Month), EmployerId, PageNumber, 50, ct);

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
            var outcome = await import.HandleAsync(new ImportEmployerPayments(fileName, records), ct);
            RowErrors = outcome.Errors;
            Imported = outcome.Summary;
        }

        Rows = await queries.PaymentsAsync(ContributionAccess.ParseMonth(Month), EmployerId, PageNumber, 50, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync((await queries.PaymentsExportAsync(ContributionAccess.ParseMonth(Month), EmployerId, ct)).Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["统一社会信用代码"] = p.CreditCode.Value, ["单位编号"] = p.EmployerNo, ["单位名称"] = p.EmployerName, ["所属期"] = ContributionPeriod.Format(p.Period),
            ["金额"] = p.Amount, ["入库日期"] = p.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["票号"] = p.TicketNo, ["记账凭证"] = p.JournalEntryId,
        }).ToList(), "税务入库", "税务入库记录", clock, ct);

    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken ct)
    {
        var today = Application.Registry.RegistryLookups.TodayInChina(clock);
        string[][] rows = [["（18 位统一社会信用代码）", ContributionPeriod.Format(ContributionPeriod.Of(today)), "1000.00", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "（税票号码）"]];
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(ContributionTemplates.Csv(ImportEmployerPaymentsHandler.Columns, rows), "text/csv; charset=utf-8", "税务入库记录模板.csv")
            : File(await ContributionTemplates.XlsxAsync(ImportEmployerPaymentsHandler.Columns, rows, "税务入库", ct), ExcelFile.ContentType, "税务入库记录模板.xlsx");
    }

    public string PageUrl(int page) => Url.Page("/Contributions/Payments", new { month = Month, employer = EmployerId, p = page })!;
}
