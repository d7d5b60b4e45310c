using Yibao.Domain.Budget.Classification;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Application.Disclosure;

/// <summary>The findings for one document.</summary>
public sealed record DisclosureReport(string Document, string Title, int Year, IReadOnlyList<Finding> Findings)
{
    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);
    public int Infos => Findings.Count(f => f.Severity == FindingSeverity.Info);
}

/// <summary>A document that could not be read in a batch.</summary>
public sealed record UnreadableDocument(string Document, string Reason);

/// <summary>Result of checking a file or a folder.</summary>
public sealed record DisclosureBatch(IReadOnlyList<DisclosureReport> Reports, IReadOnlyList<UnreadableDocument> Unreadable);

/// <summary>
/// 预决算公开检查：读取文件 → 提取文本与表格 → 运行规则目录 → 发现问题。
/// Entry for the CLI: <see cref="RunAsync"/> (exit code 0 = no 错误, 1 = 错误 found, 2 = unreadable input).
/// </summary>
public sealed class CheckDisclosure(IDocumentTextSource source, ClassificationCatalog? catalog = null)
{
    private static readonly string[] Extensions = [".txt", ".md", ".markdown", ".docx", ".pdf"];

    public async Task<DisclosureReport> CheckFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DocumentReadException($"找不到文件：{path}");
        }
        if (!source.CanRead(path))
        {
            throw new DocumentReadException($"不支持的文件类型：{Path.GetExtension(path)}（支持 .txt .md .docx .pdf）");
        }
        var text = await source.ReadTextAsync(path, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DocumentReadException($"文件中没有可提取的文字（PDF 可能是扫描件，没有文字层）：{path}");
        }
        return CheckText(Path.GetFileName(path), text);
    }

    public DisclosureReport CheckText(string name, string text)
    {
        var doc = DisclosureParser.Parse(name, text);
        return new DisclosureReport(name, doc.Title, doc.Year, DisclosureChecker.Check(doc, catalog));
    }

    /// <summary>Checks a file, or every supported file in a folder (sorted by name).</summary>
    public async Task<DisclosureBatch> CheckPathAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal).ToList()
            : [path];
        var reports = new List<DisclosureReport>();
        var unreadable = new List<UnreadableDocument>();
        foreach (var f in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                reports.Add(await CheckFileAsync(f, cancellationToken));
            }
            catch (DocumentReadException ex)
            {
                unreadable.Add(new UnreadableDocument(Path.GetFileName(f), ex.Message));
            }
        }
        return new DisclosureBatch(reports, unreadable);
    }

    /// <summary>
    /// <c>yibao disclosure check FILE|DIR [--json]</c>. Returns 0 when no 错误 was found, 1 when any 错误 was found,
    /// 2 when the input (or any file of a folder) could not be read.
    /// </summary>
    public async Task<int> RunAsync(string path, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(path) || (!File.Exists(path) && !Directory.Exists(path)))
        {
            await error.WriteLineAsync($"错误：找不到文件或文件夹“{path}”。");
            return 2;
        }
        var batch = await CheckPathAsync(path, cancellationToken);
        foreach (var u in batch.Unreadable)
        {
            await error.WriteLineAsync($"无法读取 {u.Document}：{u.Reason}");
        }
        bool folder = Directory.Exists(path);
        if (json)
        {
            await output.WriteLineAsync(folder ? DisclosureJson.RenderBatch(batch) : batch.Reports.Count == 1 ? DisclosureJson.Render(batch.Reports[0]) : "{}");
        }
        else
        {
            foreach (var r in batch.Reports)
            {
                await output.WriteAsync(DisclosureText.Render(r));
            }
            if (folder)
            {
                await output.WriteAsync(DisclosureText.RenderSummary(batch));
            }
        }
        if (batch.Unreadable.Count > 0)
        {
            return 2;
        }
        return batch.Reports.Any(r => r.Errors > 0) ? 1 : 0;
    }
}
