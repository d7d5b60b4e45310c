using System.Diagnostics;
using System.Globalization;
using Yibao.Application.Disclosure;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;

namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>
/// Entry points for <c>yibao budget validate FILE [--json]</c> and
/// <c>yibao budget render FILE --profile NAME --format html|pdf|docx|xlsx|fdp --out DIR</c>.
/// Exit codes: 0 = no 错误, 1 = 错误 found (validate) , 2 = the file or an argument is unusable.
/// </summary>
public static class BudgetFileCommands
{
    public static readonly string[] Formats = ["html", "pdf", "docx", "xlsx", "fdp"];

    private static async Task<DepartmentBudget?> LoadAsync(string file, TextWriter error, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
        {
            await error.WriteLineAsync($"错误：找不到预算文件“{file}”。");
            return null;
        }
        try
        {
            return BudgetJson.Parse(await File.ReadAllTextAsync(file, ct));
        }
        catch (BudgetFormatException ex)
        {
            await error.WriteLineAsync($"错误：预算文件“{Path.GetFileName(file)}”格式不正确（格式见 docs/formats/budget.md）：");
            foreach (var e in ex.Errors)
            {
                await error.WriteLineAsync("  " + e);
            }
            return null;
        }
    }

    /// <summary><c>yibao budget validate FILE [--json]</c>: findings of the shared rule catalog, as text or in the checker's JSON format.</summary>
    public static async Task<int> ValidateAsync(string file, bool json, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var budget = await LoadAsync(file, error, ct);
        if (budget is null)
        {
            return 2;
        }
        var findings = BudgetValidator.Validate(budget);
        var report = new DisclosureReport(Path.GetFileName(file), $"{budget.Unit.Name}{budget.Year.ToString(CultureInfo.InvariantCulture)}年{budget.Phase.Chinese()}", budget.Year, findings);
        await output.WriteAsync(json ? DisclosureJson.Render(report) + Environment.NewLine : DisclosureText.Render(report));
        return report.Errors > 0 ? 1 : 0;
    }

    /// <summary><c>yibao budget render FILE --profile NAME --format html|pdf|docx|xlsx|fdp --out DIR</c>.</summary>
    public static async Task<int> RenderAsync(string file, string? profile, string format, string outDir, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var fmt = (format ?? "").Trim().ToLowerInvariant();
        if (!Formats.Contains(fmt))
        {
            await error.WriteLineAsync($"错误：--format 取值应为 {string.Join("、", Formats)}，实为“{format}”。");
            return 2;
        }
        var budget = await LoadAsync(file, error, ct);
        if (budget is null)
        {
            return 2;
        }
        var profileName = string.IsNullOrWhiteSpace(profile) ? budget.Profile ?? "national" : profile;
        var p = DisclosureProfiles.Find(profileName);
        if (p is null)
        {
            await error.WriteLineAsync($"错误：--profile 取值应为 {DisclosureProfiles.Names}，实为“{profileName}”。");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(outDir))
        {
            await error.WriteLineAsync("错误：--out 必填（输出文件夹）。");
            return 2;
        }
        Directory.CreateDirectory(outDir);
        var sw = Stopwatch.StartNew();
        var d = DisclosureComposer.Compose(budget, p);
        var baseName = Path.GetFileNameWithoutExtension(file) + "-" + p.Name;
        var written = new List<string>();
        switch (fmt)
        {
            case "html":
                var htmlPath = Path.Combine(outDir, baseName + ".html");
                await File.WriteAllTextAsync(htmlPath, BudgetHtmlRenderer.Render(d), ct);
                written.Add(htmlPath);
                break;
            case "docx":
                var docxPath = Path.Combine(outDir, baseName + ".docx");
                await using (var s = File.Create(docxPath))
                {
                    BudgetDocxRenderer.Render(d, s);
                }
                written.Add(docxPath);
                break;
            case "xlsx":
                var xlsxPath = Path.Combine(outDir, baseName + ".xlsx");
                await using (var s = File.Create(xlsxPath))
                {
                    BudgetXlsxRenderer.Render(d, s);
                }
                written.Add(xlsxPath);
                break;
            case "fdp":
                written.AddRange(BudgetFdpRenderer.Render(d, Path.Combine(outDir, baseName)));
                break;
            case "pdf":
                if (!BudgetPdfRenderer.IsAvailable)
                {
                    await error.WriteLineAsync($"错误：未找到 Chromium（{BudgetPdfRenderer.ChromiumPath}），无法生成 PDF；请安装 chromium 与 fonts-noto-cjk。");
                    return 2;
                }
                var pdfPath = Path.Combine(outDir, baseName + ".pdf");
                await File.WriteAllBytesAsync(pdfPath, await BudgetPdfRenderer.RenderAsync(BudgetHtmlRenderer.Render(d), ct), ct);
                written.Add(pdfPath);
                break;
            default:
                return 2;
        }
        foreach (var w in written)
        {
            await output.WriteLineAsync($"已生成 {w}");
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{d.Title}（{p.Label}，{d.Tables.Count} 张表，用时 {sw.ElapsedMilliseconds} 毫秒）"));
        return 0;
    }
}
