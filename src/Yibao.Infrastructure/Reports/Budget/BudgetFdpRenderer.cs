using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Yibao.Domain.Budget.Model;

namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>
/// Machine-readable export in the style of the Fiscal Data Package: one CSV per table (UTF-8, amounts in 元 with two decimals,
/// invariant culture) and a <c>datapackage.json</c> descriptor naming every resource, its fields and types.
/// </summary>
public static class BudgetFdpRenderer
{
    public static IReadOnlyList<string> Render(GeneratedDisclosure d, string outDir)
    {
        ArgumentNullException.ThrowIfNull(d);
        Directory.CreateDirectory(outDir);
        var resources = new JsonArray();
        var files = new List<string>();
        foreach (var t in d.Tables)
        {
            var headers = BudgetXlsxRenderer.UniqueHeaders(t.Headers);
            var name = string.Create(CultureInfo.InvariantCulture, $"table-{t.Number:00}");
            var path = name + ".csv";
            var sb = new StringBuilder();
            sb.AppendLine(string.Join(',', headers.Select(Csv)));
            foreach (var r in t.Rows)
            {
                sb.AppendLine(string.Join(',', headers.Select((_, i) =>
                {
                    var c = i < r.Count ? r[i] : TableCell.Blank;
                    return c.Amount is decimal a ? a.ToString("F2", CultureInfo.InvariantCulture) : Csv(c.Text);
                })));
            }
            var full = Path.Combine(outDir, path);
            File.WriteAllText(full, sb.ToString(), new UTF8Encoding(false));
            files.Add(full);
            var moneyColumns = Enumerable.Range(0, headers.Count).Where(i => t.Rows.Any(r => i < r.Count && r[i].Amount is not null)).ToHashSet();
            var fields = new JsonArray();
            for (int i = 0; i < headers.Count; i++)
            {
                var f = new JsonObject { ["name"] = headers[i], ["type"] = moneyColumns.Contains(i) ? "number" : "string" };
                if (moneyColumns.Contains(i))
                {
                    f["columnType"] = "value";
                    f["unit"] = "CNY";
                    f["decimalChar"] = ".";
                }
                else if (headers[i] is "科目编码")
                {
                    f["columnType"] = "functional-classification:generic:code";
                }
                fields.Add(f);
            }
            resources.Add(new JsonObject
            {
                ["name"] = name,
                ["title"] = t.Title,
                ["path"] = path,
                ["format"] = "csv",
                ["encoding"] = "utf-8",
                ["profile"] = "tabular-data-resource",
                ["empty"] = t.IsEmpty,
                ["emptyNote"] = t.EmptyNote,
                ["schema"] = new JsonObject { ["fields"] = fields },
            });
        }
        var descriptor = new JsonObject
        {
            ["profile"] = "fiscal-data-package",
            ["name"] = $"budget-{d.Year.ToString(CultureInfo.InvariantCulture)}-{d.Profile.Name}",
            ["title"] = d.Title,
            ["publisher"] = d.UnitName,
            ["fiscalPeriod"] = new JsonObject { ["start"] = $"{d.Year.ToString(CultureInfo.InvariantCulture)}-01-01", ["end"] = $"{d.Year.ToString(CultureInfo.InvariantCulture)}-12-31" },
            ["currency"] = "CNY",
            ["budgetType"] = "expenditure",
            ["disclosureProfile"] = d.Profile.Name,
            ["resources"] = resources,
        };
        var descriptorPath = Path.Combine(outDir, "datapackage.json");
        File.WriteAllText(descriptorPath, descriptor.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), new UTF8Encoding(false));
        files.Add(descriptorPath);
        return files;
    }

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
