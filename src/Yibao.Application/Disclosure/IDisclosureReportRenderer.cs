namespace Yibao.Application.Disclosure;

/// <summary>
/// Downloadable reports of a disclosure check (Infrastructure/Reports/Disclosure): Excel (MiniExcel: 问题清单 + 文档概要)
/// and PDF (an HTML report printed by headless Chromium, 第N页/共M页 in the footer).
/// </summary>
public interface IDisclosureReportRenderer
{
    /// <summary>One document: sheet 问题清单 (every finding) and sheet 文档概要 (document, title, year, counts per severity).</summary>
    byte[] RenderExcel(DisclosureReport report);

    /// <summary>A folder: sheet 汇总 (document, 错误, 警告, 提示 — unreadable files included) and sheet 问题清单 (all findings).</summary>
    byte[] RenderBatchExcel(DisclosureBatch batch);

    /// <summary>The printable HTML report (also the source of the PDF).</summary>
    string RenderHtml(DisclosureReport report);

    /// <summary>Null when PDF output works here; otherwise the Chinese reason and what to install.</summary>
    string? PdfUnavailableReason { get; }

    /// <summary>Prints the HTML report to PDF; throws <see cref="PdfUnavailableException"/> when Chromium is missing or fails.</summary>
    Task<byte[]> RenderPdfAsync(DisclosureReport report, CancellationToken cancellationToken = default);
}

/// <summary>PDF output is not possible on this machine (no Chromium, or it failed to start).</summary>
public sealed class PdfUnavailableException : Exception
{
    public PdfUnavailableException()
    {
    }

    public PdfUnavailableException(string message) : base(message)
    {
    }

    public PdfUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
