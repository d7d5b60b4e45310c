using System.Globalization;
using System.Net;
using System.Text;
using Yibao.Application.Funds;
using Yibao.Domain.Common;

namespace Yibao.Infrastructure.Reports.Funds;

/// <summary>月结算单 as printable HTML and PDF (headless Chromium), with the amount owed in 人民币大写.</summary>
public static class StatementPdf
{
    public static string Html(MonthlyStatement s, DateTime generatedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(s);
        static string E(string? v) => WebUtility.HtmlEncode(v ?? "");
        static string Y(decimal v) => Money.FormatYuan(v);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(s.Title)).Append("</title><style>")
          .Append("body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:12px;color:#000}h1{font-size:20px;text-align:center;margin:0 0 8px}")
          .Append("table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #333;padding:4px 6px}td.n{text-align:right}.meta{display:flex;justify-content:space-between}")
          .Append(".sign{margin-top:32px;display:flex;justify-content:space-between}</style></head><body>");
        sb.Append("<h1>").Append(E(s.Title)).Append("</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"meta\"><span>定点医药机构：{E(s.Institution.Name)}（{E(s.Institution.Code)}）</span><span>结算期间：{s.Year} 年 {s.Month} 月</span><span>单位：元</span></div>");
        sb.Append("<table><thead><tr><th>项目</th><th>字段</th><th>本月结算</th><th>本月撤销</th><th>净额</th></tr></thead><tbody>");
        sb.Append(CultureInfo.InvariantCulture, $"<tr><td>结算笔数</td><td></td><td class=\"n\">{s.SettledCount}</td><td class=\"n\">{s.CancelledCount}</td><td class=\"n\">{s.NetCount}</td></tr>");
        foreach (var f in s.Fields)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.Name)}</td><td>{E(f.Code)}</td><td class=\"n\">{Y(f.Settled)}</td><td class=\"n\">{Y(f.Cancelled)}</td><td class=\"n\">{Y(f.Net)}</td></tr>");
        }

        sb.Append("</tbody></table><table><thead><tr><th>基金</th><th>应付金额</th><th>已拨付</th><th>未拨付</th></tr></thead><tbody>");
        foreach (var f in s.Funds)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.Name)}</td><td class=\"n\">{Y(f.Owed)}</td><td class=\"n\">{Y(f.Disbursed)}</td><td class=\"n\">{Y(f.Outstanding)}</td></tr>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<tr><th>合计</th><th class=\"n\">{Y(s.TotalOwed)}</th><th class=\"n\">{Y(s.TotalDisbursed)}</th><th class=\"n\">{Y(s.TotalOutstanding)}</th></tr></tbody></table>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>应付合计（大写）：{E(Money.ToChineseUppercase(s.TotalOwed))}</p>");
        if (s.Deductions.Count > 0)
        {
            sb.Append("<table><thead><tr><th>智能审核扣款日期</th><th>基金</th><th>摘要</th><th>扣款金额</th></tr></thead><tbody>");
            foreach (var d in s.Deductions)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{d.Date:yyyy-MM-dd}</td><td>{E(d.FundName)}</td><td>{E(d.Memo)}</td><td class=\"n\">{Y(d.Amount)}</td></tr>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<tr><th colspan=\"3\">扣款合计（已从应付金额中扣减）</th><th class=\"n\">{Y(s.TotalDeducted)}</th></tr></tbody></table>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"sign\"><span>经办机构（盖章）：</span><span>定点医药机构（盖章）：</span><span>打印时间：{generatedAtUtc.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</span></div>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    public static Task<byte[]> PdfAsync(MonthlyStatement s, DateTime generatedAtUtc, CancellationToken ct = default) =>
        ChromiumPdf.PrintAsync(Html(s, generatedAtUtc), null, ct);
}
