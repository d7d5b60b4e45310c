using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Disclosure;

namespace Yibao.Web.Infrastructure;

/// <summary>
/// 预决算公开检查 page, shared by the staff page (/Disclosure/Check) and the public page (/public/disclosure-check):
/// upload a file (in a temporary file, deleted at once), show the document with each finding highlighted, and download
/// the report as Excel or PDF. The file is not stored: the downloads post back the extracted text and re-check it.
/// </summary>
[RequestSizeLimit(FormLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = FormLimit, ValueLengthLimit = (int)FormLimit)]
public abstract class DisclosureCheckPage(CheckUploadedDisclosureHandler upload, CheckDisclosure checker, IDisclosureReportRenderer renderer, TimeProvider clock) : PageModel
{
    /// <summary>A little above the 20 MB file limit, so a slightly larger file gets the Chinese message instead of 413.</summary>
    private const long FormLimit = 32L * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The extracted text, posted back by the download buttons.</summary>
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? DocumentName { get; set; }

    public DisclosureView? View { get; private set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public string? PdfUnavailable => renderer.PdfUnavailableReason;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null)
        {
            Errors = [new AppError("no-file", "文件：请选择要检查的文件（.txt、.md、.docx、.pdf，不超过 20 MB）", "Upload")];
            return Page();
        }
        await using var content = Upload.OpenReadStream();
        var result = await upload.HandleAsync(new CheckUploadedDisclosure(Upload.FileName, Upload.Length, content), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }
        Text = result.Value!.Text;
        DocumentName = result.Value.Report.Document;
        View = DisclosureView.Build(result.Value.Report, Text);
        return Page();
    }

    public IActionResult OnPostExcel()
    {
        if (Recheck() is not { } report)
        {
            return Page();
        }
        return File(renderer.RenderExcel(report), ExcelFile.ContentType, FileName(report, "xlsx"));
    }

    public async Task<IActionResult> OnPostPdfAsync(CancellationToken cancellationToken)
    {
        if (Recheck() is not { } report)
        {
            return Page();
        }
        try
        {
            return File(await renderer.RenderPdfAsync(report, cancellationToken), "application/pdf", FileName(report, "pdf"));
        }
        catch (PdfUnavailableException ex)
        {
            Errors = [new AppError("pdf-unavailable", "PDF 报告：" + ex.Message)];
            View = DisclosureView.Build(report, Text!);
            return Page();
        }
    }

    private DisclosureReport? Recheck()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            Errors = [new AppError("no-text", "报告：没有可导出的检查结果，请先上传文件")];
            return null;
        }
        var name = string.IsNullOrWhiteSpace(DocumentName) ? "上传文件" : Path.GetFileName(DocumentName);
        return checker.CheckText(name, Text);
    }

    private string FileName(DisclosureReport report, string extension)
    {
        var stamp = (clock.GetUtcNow() + TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return $"公开检查报告-{Path.GetFileNameWithoutExtension(report.Document)}-{stamp}.{extension}";
    }
}
