using System.Text;
using MiniExcelLibs;

namespace Yibao.Web.Infrastructure;

/// <summary>Downloadable import templates of 征缴 (header row and example rows, every cell text).</summary>
public static class ContributionTemplates
{
    public static byte[] Csv(IReadOnlyList<string> columns, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', columns)).Append("\r\n");
        foreach (var r in rows)
        {
            sb.Append(string.Join(',', r.Select(c => c.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyList<string> columns, IEnumerable<string[]> rows, string sheet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(columns);
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows.Select(r =>
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                d[columns[i]] = i < r.Length ? r[i] : "";
            }

            return d;
        }), sheetName: sheet, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }
}
