using System.Globalization;
using System.IO.Compression;
using System.Text;
using Yibao.Domain.Budget.Model;
using Yibao.Infrastructure.Reports.Budget;

namespace Yibao.Web.Infrastructure;

/// <summary>A generated disclosure as a downloadable file (the renderers of the CLI's <c>yibao budget render</c>).</summary>
public static class BudgetDownloads
{
    public static readonly IReadOnlyList<(string Format, string Label)> Formats =
        [("html", "HTML"), ("docx", "Word（DOCX）"), ("xlsx", "Excel（XLSX）"), ("pdf", "PDF"), ("fdp", "数据包（CSV+JSON）")];

    /// <summary>The profile chosen on screen, else the budget's own, else the national 8 tables.</summary>
    public static DisclosureProfile Profile(string? requested, string? budgetDefault) =>
        DisclosureProfiles.Find(requested) ?? DisclosureProfiles.Find(budgetDefault) ?? DisclosureProfiles.National;

    /// <summary>Null when the format is unknown; throws <see cref="InvalidOperationException"/> (Chinese message) when Chromium is missing for PDF.</summary>
    public static async Task<(byte[] Content, string ContentType, string FileName)?> RenderAsync(GeneratedDisclosure d, string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        var baseName = string.Create(CultureInfo.InvariantCulture, $"{d.UnitName}{d.Year}年-{d.Profile.Name}");
        switch ((format ?? "").Trim().ToLowerInvariant())
        {
            case "html":
                return (Encoding.UTF8.GetBytes(BudgetHtmlRenderer.Render(d)), "text/html; charset=utf-8", baseName + ".html");
            case "docx":
                using (var ms = new MemoryStream())
                {
                    BudgetDocxRenderer.Render(d, ms);
                    return (ms.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", baseName + ".docx");
                }
            case "xlsx":
                using (var ms = new MemoryStream())
                {
                    BudgetXlsxRenderer.Render(d, ms);
                    return (ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", baseName + ".xlsx");
                }
            case "pdf":
                return (await BudgetPdfRenderer.RenderAsync(BudgetHtmlRenderer.Render(d), ct), "application/pdf", baseName + ".pdf");
            case "fdp":
                var dir = Directory.CreateTempSubdirectory("yibao-fdp-").FullName;
                try
                {
                    var files = BudgetFdpRenderer.Render(d, Path.Combine(dir, "fdp"));
                    using var zip = new MemoryStream();
                    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, true))
                    {
                        var root = Path.Combine(dir, "fdp");
                        foreach (var f in files)
                        {
                            var entryName = Path.GetRelativePath(Directory.Exists(root) ? root : dir, f).Replace('\\', '/');
                            await archive.CreateEntryFromFileAsync(f, entryName, ct);
                        }
                    }
                    return (zip.ToArray(), "application/zip", baseName + "-fdp.zip");
                }
                finally
                {
                    Directory.Delete(dir, true);
                }
            default:
                return null;
        }
    }

    /// <summary>The tables as HTML fragments (screen and public page).</summary>
    public static string TablesHtml(GeneratedDisclosure d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var sb = new StringBuilder();
        foreach (var t in d.Tables)
        {
            BudgetHtmlRenderer.AppendTable(sb, t);
        }
        return sb.ToString();
    }
}
