using Microsoft.Playwright;

namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>PDF through headless Chromium (Playwright, the system's /usr/bin/chromium), A4, footer “第N页/共M页”.</summary>
public static class BudgetPdfRenderer
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("YIBAO_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    public static bool IsAvailable => File.Exists(ChromiumPath);

    public static async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!IsAvailable)
        {
            throw new InvalidOperationException($"未找到 Chromium（{ChromiumPath}），无法生成 PDF；请安装 chromium 与 fonts-noto-cjk（apt-get install chromium fonts-noto-cjk）。");
        }
        cancellationToken.ThrowIfCancellationRequested();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html);
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = "<div></div>",
            FooterTemplate = "<div style=\"font-size:9px;width:100%;text-align:center;font-family:'Noto Sans CJK SC',sans-serif\">第<span class=\"pageNumber\"></span>页/共<span class=\"totalPages\"></span>页</div>",
            Margin = new Margin { Top = "18mm", Bottom = "18mm", Left = "15mm", Right = "15mm" },
        });
    }
}
