using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Application.Disclosure;

/// <summary>JSON: {"document":…, "findings":[{"rule","severity":"error|warning|info","message","expected","actual","difference","location"}]}.</summary>
public static class DisclosureJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(DisclosureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            WriteReport(w, report);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A folder: {"documents":[{document, findings}…], "summary":[{document, errors, warnings, infos}…], "unreadable":[…]}.</summary>
    public static string RenderBatch(DisclosureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteStartArray("documents");
            foreach (var r in batch.Reports)
            {
                WriteReport(w, r);
            }
            w.WriteEndArray();
            w.WriteStartArray("summary");
            foreach (var r in batch.Reports)
            {
                w.WriteStartObject();
                w.WriteString("document", r.Document);
                w.WriteNumber("errors", r.Errors);
                w.WriteNumber("warnings", r.Warnings);
                w.WriteNumber("infos", r.Infos);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("unreadable");
            foreach (var u in batch.Unreadable)
            {
                w.WriteStartObject();
                w.WriteString("document", u.Document);
                w.WriteString("reason", u.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteReport(Utf8JsonWriter w, DisclosureReport report)
    {
        w.WriteStartObject();
        w.WriteString("document", report.Document);
        w.WriteStartArray("findings");
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("rule", f.Rule);
            w.WriteString("severity", f.Severity.Code());
            w.WriteString("message", f.Message);
            w.WriteString("expected", f.Expected);
            w.WriteString("actual", f.Actual);
            w.WriteString("difference", f.Difference);
            w.WriteString("location", f.Location);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

/// <summary>Chinese text output.</summary>
public static class DisclosureText
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static string Render(DisclosureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.AppendLine(Zh, $"文档：{report.Document}");
        if (!string.IsNullOrWhiteSpace(report.Title))
        {
            sb.AppendLine(Zh, $"标题：{report.Title}（年度 {report.Year}）");
        }
        sb.AppendLine(Zh, $"检查结果：错误 {report.Errors} 项，警告 {report.Warnings} 项，提示 {report.Infos} 项");
        int i = 1;
        foreach (var f in report.Findings)
        {
            sb.AppendLine(Zh, $"{i++}. 【{f.Severity.Chinese()}】{f.Rule} {f.Message}");
            if (f.Expected is not null || f.Actual is not null)
            {
                sb.Append("   应为：").Append(f.Expected ?? "—").Append("；实际：").Append(f.Actual ?? "—");
                if (f.Difference is not null)
                {
                    sb.Append("；差额：").Append(f.Difference);
                }
                sb.AppendLine();
            }
            sb.AppendLine(Zh, $"   位置：{f.Location}");
        }
        if (report.Findings.Count == 0)
        {
            sb.AppendLine("未发现问题。");
        }
        sb.AppendLine();
        return sb.ToString();
    }

    /// <summary>汇总表：文档、错误、警告、提示。</summary>
    public static string RenderSummary(DisclosureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sb = new StringBuilder();
        sb.AppendLine("汇总");
        sb.AppendLine("文档\t错误\t警告\t提示");
        foreach (var r in batch.Reports)
        {
            sb.AppendLine(Zh, $"{r.Document}\t{r.Errors}\t{r.Warnings}\t{r.Infos}");
        }
        foreach (var u in batch.Unreadable)
        {
            sb.AppendLine(Zh, $"{u.Document}\t无法读取\t\t");
        }
        sb.AppendLine(Zh, $"合计 {batch.Reports.Count} 份文档：错误 {batch.Reports.Sum(r => r.Errors)}，警告 {batch.Reports.Sum(r => r.Warnings)}，提示 {batch.Reports.Sum(r => r.Infos)}，无法读取 {batch.Unreadable.Count}");
        return sb.ToString();
    }
}
