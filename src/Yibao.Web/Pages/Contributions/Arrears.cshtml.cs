using Microsoft.AspNetCore.Mvc;
using Microsoft.Playwright;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Contributions;
using Yibao.Infrastructure.Contributions;
using Yibao.Infrastructure.Reports;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>欠费: per employer with aging buckets (≤3个月, 3–6, 6–12, >12), Excel export, and the 催缴通知 per employer (PDF, Excel, screen).</summary>
public sealed class ArrearsModel(ContributionQueriesHandler queries, TimeProvider clock, SiteOptions site) : ContributionPageModel
{
    [BindProperty(SupportsGet = true, Name = "asof")] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<ArrearsRow> Rows { get; private set; } = null!;

    public int AsOfPeriod => ContributionAccess.ParseMonth(AsOf) ?? ContributionAccess.ThisMonth(clock);

    public string? PdfError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        AsOf ??= ContributionPeriod.Format(AsOfPeriod);
        Rows = await queries.ArrearsAsync(new ArrearsQuery(AsOfPeriod, Keyword, PageNumber), ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync((await queries.ArrearsAllAsync(AsOfPeriod, Keyword, null, ct)).Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["单位编号"] = r.EmployerNo, ["统一社会信用代码"] = r.CreditCode, ["单位名称"] = r.EmployerName, ["欠费月数"] = r.Aging.Months,
            ["3个月以内"] = r.Aging.UpTo3, ["3–6个月"] = r.Aging.From3To6, ["6–12个月"] = r.Aging.From6To12, ["12个月以上"] = r.Aging.Over12, ["欠费合计"] = r.Aging.Total,
        }).ToList(), "欠费", "欠费账龄", clock, ct);

    /// <summary>催缴通知 for one employer: format pdf (Chromium), xlsx, or html (printable page).</summary>
    public async Task<IActionResult> OnGetNoticeAsync(long employer, string? format, CancellationToken ct)
    {
        var notice = await queries.NoticeAsync(employer, AsOfPeriod, ct);
        if (notice is null)
        {
            return NotFound();
        }

        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return File(await ArrearsNoticeDocument.XlsxAsync(notice, ct), ExcelFile.ContentType, ArrearsNoticeDocument.FileName(notice, "xlsx"));
        }

        var html = ArrearsNoticeDocument.Html(notice, site.AgencyName);
        if (!string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase))
        {
            return Content(html, "text/html; charset=utf-8");
        }

        try
        {
            return File(await ChromiumPdf.PrintAsync(html, cancellationToken: ct), "application/pdf", ArrearsNoticeDocument.FileName(notice, "pdf"));
        }
        catch (PlaywrightException)
        {
            return StatusCode(StatusCodes.Status503ServiceUnavailable, ChromiumPdf.InstallHint + "。可先下载 Excel 或打印网页版催缴通知。");
        }
    }

    public string PageUrl(int page) => Url.Page("/Contributions/Arrears", new { asof = AsOf, q = Keyword, p = page })!;
}
