using System.Globalization;
using System.Net;
using System.Text;
using MiniExcelLibs;
using Yibao.Application.Contributions;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Infrastructure.Reports;

namespace Yibao.Infrastructure.Contributions;

/// <summary>
/// 职工基本医疗保险费催缴通知书 for one employer: HTML (screen and PDF through <see cref="ChromiumPdf"/>) and XLSX, with
/// the owed months, the aging buckets and the total in 人民币大写.
/// </summary>
public static class ArrearsNoticeDocument
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static string FileName(ArrearsNotice n, string extension)
    {
        ArgumentNullException.ThrowIfNull(n);
        return $"催缴通知-{n.EmployerNo}-{ContributionPeriod.Format(n.AsOfPeriod)}.{extension}";
    }

    public static string Html(ArrearsNotice n, string agencyName)
    {
        ArgumentNullException.ThrowIfNull(n);
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>催缴通知书</title><style>")
          .Append("body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:14px;line-height:1.7;color:#000}")
          .Append("h1{text-align:center;font-size:22px;margin:0 0 4px}.no{text-align:center;margin-bottom:16px}")
          .Append("table{border-collapse:collapse;width:100%;margin:10px 0}th,td{border:1px solid #000;padding:4px 6px}td.n{text-align:right}")
          .Append(".sign{margin-top:36px;text-align:right}</style></head><body>");
        sb.Append("<h1>职工基本医疗保险费催缴通知书</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"no\">编号：{E(n.NoticeNo)}</div>");
        sb.Append(CultureInfo.InvariantCulture, $"<p><b id=\"notice-employer\">{E(n.EmployerName)}</b>（单位编号 {E(n.EmployerNo)}，统一社会信用代码 {E(n.CreditCode)}）：</p>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<p>经核对，截至 {ContributionPeriod.Format(n.AsOfPeriod)} 所属期，你单位欠缴职工基本医疗保险费共 {n.Months.Count} 个月，合计人民币 <b id=\"notice-total\">{Money.FormatYuan(n.Total)}</b> 元" +
            $"（大写：<b id=\"notice-words\">{E(n.TotalInWords)}</b>）。明细如下：</p>");
        sb.Append("<table><thead><tr><th>所属期</th><th>应缴（元）</th><th>已缴（元）</th><th>欠缴（元）</th><th>账龄</th></tr></thead><tbody>");
        foreach (var m in n.Months)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{ContributionPeriod.Format(m.Period)}</td><td class=\"n\">{Money.FormatYuan(m.Planned)}</td><td class=\"n\">{Money.FormatYuan(m.Received)}</td><td class=\"n\">{Money.FormatYuan(m.Outstanding)}</td><td>{CollectionMath.Name(m.Bucket)}</td></tr>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<tr><th>合计</th><td></td><td></td><td class=\"n\"><b>{Money.FormatYuan(n.Total)}</b></td><td></td></tr></tbody></table>");
        sb.Append("<table><thead><tr><th>3个月以内</th><th>3–6个月</th><th>6–12个月</th><th>12个月以上</th></tr></thead><tbody><tr>")
          .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{Money.FormatYuan(n.Aging.UpTo3)}</td><td class=\"n\">{Money.FormatYuan(n.Aging.From3To6)}</td><td class=\"n\">{Money.FormatYuan(n.Aging.From6To12)}</td><td class=\"n\">{Money.FormatYuan(n.Aging.Over12)}</td>")
          .Append("</tr></tbody></table>");
        sb.Append("<p>请你单位自收到本通知之日起 15 日内，通过税务部门足额补缴上述欠费。逾期未缴的，将依照《中华人民共和国社会保险法》第六十三条、第八十六条的规定，自欠缴之日起按日加收万分之五的滞纳金，并依法追缴。</p>");
        sb.Append("<p>如对欠费金额有异议，请携带缴费凭证到医疗保障经办机构核对。</p>");
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"sign\">{E(agencyName)}<br>{n.IssuedOn.ToString("yyyy年M月d日", Zh)}</div>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    public static Task<byte[]> PdfAsync(ArrearsNotice n, string agencyName, CancellationToken ct = default) =>
        ChromiumPdf.PrintAsync(Html(n, agencyName), cancellationToken: ct);

    public static async Task<byte[]> XlsxAsync(ArrearsNotice n, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(n);
        var rows = n.Months.Select(m => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["单位编号"] = n.EmployerNo,
            ["单位名称"] = n.EmployerName,
            ["所属期"] = ContributionPeriod.Format(m.Period),
            ["应缴（元）"] = m.Planned,
            ["已缴（元）"] = m.Received,
            ["欠缴（元）"] = m.Outstanding,
            ["账龄"] = CollectionMath.Name(m.Bucket),
        }).ToList();
        rows.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["单位编号"] = n.EmployerNo,
            ["单位名称"] = n.EmployerName,
            ["所属期"] = "合计",
            ["应缴（元）"] = n.Months.Sum(m => m.Planned),
            ["已缴（元）"] = n.Months.Sum(m => m.Received),
            ["欠缴（元）"] = n.Total,
            ["账龄"] = "大写：" + n.TotalInWords,
        });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "催缴通知", excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }
}
