using System.Globalization;
using MiniExcelLibs;
using Yibao.Domain.Budget.Model;

namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>XLSX of a generated disclosure (MiniExcel): one sheet per table, amounts as numbers in the table unit.</summary>
public static class BudgetXlsxRenderer
{
    public static void Render(GeneratedDisclosure d, Stream output)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(output);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var t in d.Tables)
        {
            var headers = UniqueHeaders(t.Headers);
            var rows = new List<Dictionary<string, object?>>();
            foreach (var r in t.Rows)
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int i = 0; i < headers.Count; i++)
                {
                    var c = i < r.Count ? r[i] : TableCell.Blank;
                    row[headers[i]] = c.Amount is decimal a ? Amount(a, t.Unit) : c.Text;
                }
                rows.Add(row);
            }
            if (t.EmptyNote is not null)
            {
                var note = headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal);
                note[headers[0]] = t.EmptyNote;
                rows.Add(note);
            }
            if (rows.Count == 0)
            {
                rows.Add(headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
            }
            sheets[SheetName(t)] = rows;
        }
        output.SaveAs(sheets);
    }

    /// <summary>Amount in the table unit, rounded as displayed.</summary>
    public static decimal Amount(decimal yuan, string unit) =>
        decimal.Parse(GeneratedTable.DisplayAmount(yuan, unit), NumberStyles.Number, CultureInfo.InvariantCulture);

    public static string SheetName(GeneratedTable t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var name = $"表{t.Number} {t.Title}";
        foreach (var ch in new[] { '\\', '/', '?', '*', '[', ']', ':' })
        {
            name = name.Replace(ch, '－');
        }
        return name.Length > 31 ? name[..31] : name;
    }

    public static List<string> UniqueHeaders(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var h in headers)
        {
            var n = seen.TryGetValue(h, out var k) ? k + 1 : 1;
            seen[h] = n;
            result.Add(n == 1 ? h : $"{h}{n}");
        }
        return result;
    }
}
