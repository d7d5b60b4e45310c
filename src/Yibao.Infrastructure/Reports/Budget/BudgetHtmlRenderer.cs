using System.Net;
using System.Text;
using Yibao.Domain.Budget.Model;

namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>HTML of a generated disclosure: self-contained (inline CSS, no CDN), for the screen, the public portal and PDF printing.</summary>
public static class BudgetHtmlRenderer
{
    private const string Css = """
        body{font-family:"Noto Sans CJK SC","Noto Serif CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;line-height:1.7;color:#222}
        h1{text-align:center;font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}
        table{border-collapse:collapse;width:100%;margin:.6em 0 1.4em;font-size:.9em;page-break-inside:auto}
        th,td{border:1px solid #555;padding:.25em .4em}th{background:#eee}td.num{text-align:right;white-space:nowrap}
        tr{page-break-inside:avoid}.unit{text-align:right;font-size:.85em}.empty{color:#a00}
        caption{font-weight:bold;font-size:1.05em;padding:.4em}
        @media print{body{margin:0;max-width:none}h2.tables{page-break-before:always}}
        """;

    public static string Render(GeneratedDisclosure d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(d.Title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append("<h1>").Append(E(d.Title)).Append("</h1>");
        foreach (var s in d.Sections)
        {
            sb.Append("<h2>").Append(E(s.Heading)).Append("</h2>");
            foreach (var p in s.Paragraphs)
            {
                sb.Append("<p>").Append(E(p)).Append("</p>");
            }
        }
        sb.Append("<h2 class=\"tables\">公开报表</h2>");
        foreach (var t in d.Tables)
        {
            AppendTable(sb, t);
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>One table as an HTML fragment (also used by screens).</summary>
    public static void AppendTable(StringBuilder sb, GeneratedTable t)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(t);
        sb.Append("<section class=\"budget-table\" id=\"table-").Append(t.Number).Append("\">");
        sb.Append("<p class=\"unit\">表").Append(t.Number).Append("　单位：").Append(E(t.Unit)).Append("</p>");
        if (t.EmptyNote is not null)
        {
            sb.Append("<p class=\"empty\">").Append(E(t.EmptyNote)).Append("</p>");
        }
        sb.Append("<table><caption>").Append(E(t.Title)).Append("</caption><thead><tr>");
        foreach (var h in t.Headers)
        {
            sb.Append("<th>").Append(E(h)).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        foreach (var r in t.Rows)
        {
            sb.Append("<tr>");
            foreach (var c in r)
            {
                sb.Append(c.Amount is null ? "<td>" : "<td class=\"num\">").Append(E(t.Display(c))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></section>");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
