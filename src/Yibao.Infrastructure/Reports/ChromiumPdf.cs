using Microsoft.Playwright;

namespace Yibao.Infrastructure.Reports;

/// <summary>
/// Prints HTML to PDF with the system's headless Chromium through Playwright (DESIGN §6): A4, backgrounds,
/// and the footer “第N页/共M页”. <c>YIBAO_CHROMIUM</c> overrides the default /usr/bin/chromium.
/// </summary>
public static class ChromiumPdf
{
    public const string InstallHint = "PDF 导出需要 Chromium 和中文字体：请以 root 运行 apt-get install chromium fonts-noto-cjk";

    public static string DefaultPath => Environment.GetEnvironmentVariable("YIBAO_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    private const string Footer =
        "<div style=\"width:100%;text-align:center;font-size:9px;font-family:'Noto Sans CJK SC',sans-serif\">第<span class=\"pageNumber\"></span>页/共<span class=\"totalPages\"></span>页</div>";

    /// <summary>Throws <see cref="PlaywrightException"/> when Chromium cannot start or print.</summary>
    public static async Task<byte[]> PrintAsync(string html, string? chromiumPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        cancellationToken.ThrowIfCancellationRequested();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromiumPath ?? DefaultPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html);
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = "<span></span>",
            FooterTemplate = Footer,
            Margin = new Margin { Top = "18mm", Bottom = "18mm", Left = "15mm", Right = "15mm" },
        });
    }
}
