namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>PDF through headless Chromium (Playwright, the system's /usr/bin/chromium), A4, footer “第N页/共M页”.</summary>
public static class BudgetPdfRenderer
{
    public static string ChromiumPath => ChromiumPdf.DefaultPath;

    public static bool IsAvailable => File.Exists(ChromiumPath);

    public static async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!IsAvailable)
        {
            throw new InvalidOperationException($"未找到 Chromium（{ChromiumPath}），无法生成 PDF；请安装 chromium 与 fonts-noto-cjk（apt-get install chromium fonts-noto-cjk）。");
        }
        return await ChromiumPdf.PrintAsync(html, ChromiumPath, cancellationToken);
    }
}
