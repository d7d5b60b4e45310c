using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Catalogs;

namespace Yibao.Infrastructure.Registry;

/// <summary>参保登记批量导入 files: reading (.xlsx first sheet or UTF-8 .csv) and the downloadable templates (docs/formats/person-import.md).</summary>
public static class PersonImportFiles
{
    public const string TemplateName = "参保登记批量导入模板";

    /// <summary>All records of the file, header first (numbers and dates as invariant text).</summary>
    public static List<IReadOnlyList<string>> ReadRecords(Stream stream, string fileName) => CatalogFiles.ReadRecords(stream, fileName);

    /// <summary>Example rows of the template: a resident (390), an in-service employee (310 with 单位编号), a retiree.</summary>
    public static IReadOnlyList<string[]> ExampleRows { get; } =
    [
        [Id(1990, 1, 1, 1), "张示例", "110105", "", "13800000000", "示范县城关镇示例村 1 号", "390", "22", "2025-01-01", ""],
        [Id(1985, 6, 15, 2), "李示例", "110105", "", "", "", "310", "11", "2025-03-01", "（填写已登记的单位编号）"],
        [Id(1955, 2, 2, 3), "王示例", "110105", "", "", "", "310 职工基本医疗保险", "退休", "2015-02-01", ""],
    ];

    private static string Id(int y, int m, int d, int seq) => Domain.Common.ResidentId.Create("110105", new DateOnly(y, m, d), seq).Value;

    public static byte[] TemplateCsv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', PersonImportParser.Columns)).Append("\r\n");
        foreach (var row in ExampleRows)
        {
            sb.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static async Task<byte[]> TemplateXlsxAsync(CancellationToken ct = default)
    {
        using var stream = new MemoryStream();
        await WriteXlsxAsync(stream, ExampleRows, ct);
        return stream.ToArray();
    }

    /// <summary>Writes rows in the template's column order to an .xlsx stream (every cell as text, so 证件号码 keeps all 18 characters).</summary>
    public static Task WriteXlsxAsync(Stream stream, IEnumerable<string[]> rows, CancellationToken ct = default) =>
        stream.SaveAsAsync(rows.Select(r =>
        {
            var d = new Dictionary<string, object?>(PersonImportParser.Columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < PersonImportParser.Columns.Count; i++)
            {
                d[PersonImportParser.Columns[i]] = i < r.Length ? r[i] : "";
            }

            return d;
        }), sheetName: "参保登记", excelType: ExcelType.XLSX, cancellationToken: ct);

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>For messages: the invariant row count.</summary>
    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
