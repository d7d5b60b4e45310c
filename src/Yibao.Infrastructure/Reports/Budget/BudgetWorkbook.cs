using System.Data;
using System.Globalization;
using MiniExcelLibs;
using Yibao.Application.Budget;
using Yibao.Domain.Budget.Model;

namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>
/// 预算录入 Excel 模板与导入：one sheet per standard table (<see cref="BudgetEntryTables.All"/>), sheet name = table title,
/// first row = column captions, plus a 填表说明 sheet. Filled from the budget's current rows, so the template doubles as an export.
/// </summary>
public static class BudgetWorkbook
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<byte[]> TemplateAsync(DepartmentBudget budget, Func<string, string?>? nameOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        var help = new DataTable(ImportBudgetTablesHandler.InstructionsSheet);
        help.Columns.Add("工作表", typeof(string));
        help.Columns.Add("列", typeof(string));
        help.Columns.Add("说明", typeof(string));
        foreach (var t in BudgetEntryTables.All)
        {
            foreach (var c in t.Columns)
            {
                var rule = string.Join("；", new[]
                {
                    c.Required ? "必填" : "可空",
                    c.Number ? "数字，金额单位为元，最多两位小数" : null,
                    c.Choices is { Count: > 0 } ? "取值：" + string.Join("、", c.Choices) : null,
                    c.Hint,
                }.Where(x => x is not null));
                help.Rows.Add(t.Title, c.Caption, rule);
            }
        }
        help.Rows.Add("（全部）", "", "导入时文件中有的工作表替换预算中的同名表，没有的表保持不变；任何一行有错误则整个文件不导入。");
        sheets[ImportBudgetTablesHandler.InstructionsSheet] = help;
        foreach (var t in BudgetEntryTables.All)
        {
            var table = new DataTable(t.Title);
            foreach (var c in t.Columns)
            {
                table.Columns.Add(c.Caption, c.Number ? typeof(decimal) : typeof(string));
            }
            foreach (var row in BudgetEntryTables.Rows(t, budget, nameOf))
            {
                var values = new object[t.Columns.Count];
                for (int i = 0; i < values.Length; i++)
                {
                    var text = i < row.Count ? row[i] : "";
                    values[i] = t.Columns[i].Number
                        ? (decimal.TryParse(text, NumberStyles.Number, Inv, out var d) ? d : DBNull.Value)
                        : text;
                }
                table.Rows.Add(values);
            }
            sheets[t.Title] = table;
        }
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>Every sheet of an uploaded workbook as text records (header first).</summary>
    public static IReadOnlyList<(string Sheet, IReadOnlyList<IReadOnlyList<string>> Records)> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var result = new List<(string, IReadOnlyList<IReadOnlyList<string>>)>();
        buffer.Position = 0;
        var names = MiniExcel.GetSheetNames(buffer);
        foreach (var name in names)
        {
            buffer.Position = 0;
            var rows = new List<IReadOnlyList<string>>();
            foreach (IDictionary<string, object?> row in buffer.Query(useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX))
            {
                rows.Add(row.Values.Select(Text).ToList());
            }
            result.Add((name, rows));
        }
        return result;
    }

    private static string Text(object? v) => v switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", Inv),
        double d => ((decimal)d).ToString(Inv),
        decimal m => m.ToString(Inv),
        IFormattable f => f.ToString(null, Inv),
        _ => v.ToString() ?? "",
    };
}
