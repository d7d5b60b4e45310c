using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using MiniExcelLibs;
using Yibao.Application.Disclosure;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Infrastructure.Reports.Disclosure;

/// <summary>
/// Reports of a disclosure check: XLSX with MiniExcel, and PDF from an HTML report printed by headless Chromium
/// (Microsoft.Playwright PdfAsync on <c>YIBAO_CHROMIUM</c> or /usr/bin/chromium, Noto CJK fonts, 第N页/共M页 footer).
/// </summary>
public sealed class DisclosureReportRenderer(string? chromiumPath = null) : IDisclosureReportRenderer
{
    public const string InstallHint = ChromiumPdf.InstallHint;

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    private readonly string _chromium = chromiumPath
        ?? ChromiumPdf.DefaultPath;

    public string? PdfUnavailableReason => File.Exists(_chromium) ? null : $"未找到 Chromium（{_chromium}）。{InstallHint}";

    public byte[] RenderExcel(DisclosureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sheets = new Dictionary<string, object>
        {
            ["问题清单"] = FindingRows([report], withDocument: false),
            ["文档概要"] = new List<Dictionary<string, object?>>
            {
                new()
                {
                    ["文档"] = report.Document,
                    ["标题"] = report.Title,
                    ["年度"] = report.Year,
                    ["错误"] = report.Errors,
                    ["警告"] = report.Warnings,
                    ["提示"] = report.Infos,
                    ["结论"] = Verdict(report),
                },
            },
        };
        return Save(sheets);
    }

    public byte[] RenderBatchExcel(DisclosureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var summary = batch.Reports.Select(r => new Dictionary<string, object?>
        {
            ["文档"] = r.Document,
            ["标题"] = r.Title,
            ["年度"] = r.Year,
            ["错误"] = r.Errors,
            ["警告"] = r.Warnings,
            ["提示"] = r.Infos,
            ["结论"] = Verdict(r),
        }).ToList();
        summary.AddRange(batch.Unreadable.Select(u => new Dictionary<string, object?>
        {
            ["文档"] = u.Document,
            ["标题"] = "",
            ["年度"] = null,
            ["错误"] = null,
            ["警告"] = null,
            ["提示"] = null,
            ["结论"] = "无法读取：" + u.Reason,
        }));
        summary.Add(new Dictionary<string, object?>
        {
            ["文档"] = string.Create(Zh, $"合计 {batch.Reports.Count} 份"),
            ["标题"] = "",
            ["年度"] = null,
            ["错误"] = batch.Reports.Sum(r => r.Errors),
            ["警告"] = batch.Reports.Sum(r => r.Warnings),
            ["提示"] = batch.Reports.Sum(r => r.Infos),
            ["结论"] = batch.Unreadable.Count == 0 ? "" : string.Create(Zh, $"无法读取 {batch.Unreadable.Count} 份"),
        });
        return Save(new Dictionary<string, object>
        {
            ["汇总"] = summary,
            ["问题清单"] = FindingRows(batch.Reports, withDocument: true),
        });
    }

    public string RenderHtml(DisclosureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>预决算公开检查报告</title><style>")
          .Append("body{font-family:'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif;font-size:11pt;color:#222;margin:0}")
          .Append("h1{font-size:18pt;text-align:center;margin:0 0 8pt}h2{font-size:13pt;margin:14pt 0 6pt}")
          .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3pt 5pt;vertical-align:top;font-size:9.5pt}")
          .Append("th{background:#eef2f7}tr{page-break-inside:avoid}.error{color:#b02a37;font-weight:bold}.warning{color:#997404;font-weight:bold}.info{color:#055160}")
          .Append(".meta td{border:none;padding:1pt 4pt;font-size:10.5pt}")
          .Append("</style></head><body>");
        sb.Append("<h1>预决算公开检查报告</h1><table class=\"meta\">");
        sb.Append(Zh, $"<tr><td>文档：{E(report.Document)}</td><td>年度：{report.Year}</td></tr>");
        sb.Append(Zh, $"<tr><td colspan=\"2\">标题：{E(report.Title)}</td></tr>");
        sb.Append(Zh, $"<tr><td colspan=\"2\">检查结果：错误 {report.Errors} 项，警告 {report.Warnings} 项，提示 {report.Infos} 项。{E(Verdict(report))}</td></tr></table>");
        sb.Append("<h2>问题清单</h2>");
        if (report.Findings.Count == 0)
        {
            sb.Append("<p>未发现问题。</p>");
        }
        else
        {
            sb.Append("<table><thead><tr><th>序号</th><th>严重程度</th><th>规则</th><th>问题说明</th><th>应为</th><th>实际</th><th>差额</th><th>位置</th></tr></thead><tbody>");
            int i = 1;
            foreach (var f in report.Findings)
            {
                sb.Append(Zh, $"<tr><td>{i++}</td><td class=\"{f.Severity.Code()}\">{f.Severity.Chinese()}</td><td>{E(f.Rule)}</td><td>{E(f.Message)}</td>")
                  .Append(Zh, $"<td>{E(f.Expected)}</td><td>{E(f.Actual)}</td><td>{E(f.Difference)}</td><td>{E(f.Location)}</td></tr>");
            }
            sb.Append("</tbody></table>");
        }
        sb.Append("<h2>规则说明</h2><table><thead><tr><th>规则</th><th>内容</th><th>默认严重程度</th><th>容差</th></tr></thead><tbody>");
        foreach (var r in RuleCatalog.All.Where(r => report.Findings.Any(f => f.Rule == r.Id)))
        {
            sb.Append(Zh, $"<tr><td>{E(r.Id)}</td><td>{E(r.Title)}</td><td>{r.Severity.Chinese()}</td><td>{E(r.Tolerance)}</td></tr>");
        }
        sb.Append("</tbody></table></body></html>");
        return sb.ToString();
    }

    public async Task<byte[]> RenderPdfAsync(DisclosureReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (PdfUnavailableReason is { } reason)
        {
            throw new PdfUnavailableException(reason);
        }
        var html = RenderHtml(report);
        try
        {
            return await ChromiumPdf.PrintAsync(html, _chromium, cancellationToken);
        }
        catch (PlaywrightException ex)
        {
            throw new PdfUnavailableException($"Chromium 无法生成 PDF：{ex.Message}。{InstallHint}", ex);
        }
    }

    private static string Verdict(DisclosureReport r) =>
        r.Errors > 0 ? "存在错误，须更正后公开" : r.Warnings > 0 ? "无错误，有警告需核实" : "未发现错误和警告";

    private static List<Dictionary<string, object?>> FindingRows(IEnumerable<DisclosureReport> reports, bool withDocument)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var r in reports)
        {
            int i = 1;
            foreach (var f in r.Findings)
            {
                var row = new Dictionary<string, object?>();
                if (withDocument)
                {
                    row["文档"] = r.Document;
                }
                row["序号"] = i++;
                row["严重程度"] = f.Severity.Chinese();
                row["规则"] = f.Rule;
                row["问题说明"] = f.Message;
                row["应为"] = f.Expected;
                row["实际"] = f.Actual;
                row["差额"] = f.Difference;
                row["位置"] = f.Location;
                rows.Add(row);
            }
        }
        if (rows.Count == 0)
        {
            var empty = new Dictionary<string, object?>();
            if (withDocument)
            {
                empty["文档"] = "";
            }
            empty["序号"] = null;
            empty["严重程度"] = "";
            empty["规则"] = "";
            empty["问题说明"] = "未发现问题";
            empty["应为"] = null;
            empty["实际"] = null;
            empty["差额"] = null;
            empty["位置"] = null;
            rows.Add(empty);
        }
        return rows;
    }

    private static byte[] Save(Dictionary<string, object> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
