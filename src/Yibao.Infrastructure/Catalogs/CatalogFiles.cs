using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Yibao.Domain.Catalogs;

namespace Yibao.Infrastructure.Catalogs;

/// <summary>Reads catalog files (CSV UTF-8 or XLSX) into records and writes catalog XLSX/CSV files and the import template.</summary>
public static class CatalogFiles
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static bool IsExcel(string fileName) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>All records of the file, header first. Excel: the first sheet; numbers and dates as invariant text.</summary>
    public static List<IReadOnlyList<string>> ReadRecords(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        if (IsExcel(fileName))
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                rows.Add(row.Values.Select(Text).ToList());
            }

            return rows;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return CatalogCsv.ReadRecords(reader).Select(r => (IReadOnlyList<string>)r).ToList();
    }

    private static string Text(object? v) => v switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", Inv),
        double d => d.ToString("0.############", Inv),
        decimal m => m.ToString(Inv),
        IFormattable f => f.ToString(null, Inv),
        _ => v.ToString() ?? "",
    };

    public static string ToCsv(IEnumerable<CatalogItem> items)
    {
        var w = new StringWriter(Inv);
        CatalogCsv.Write(w, items);
        return w.ToString();
    }

    public static byte[] ToCsvBytes(IEnumerable<CatalogItem> items) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ToCsv(items))];

    /// <summary>XLSX with the national column names in row 1 (the same rows as the CSV).</summary>
    public static async Task<byte[]> ToXlsxAsync(IEnumerable<CatalogItem> items, CancellationToken ct = default)
    {
        var records = CatalogCsv.ReadRecords(new StringReader(ToCsv(items))).ToList();
        var header = records[0];
        var rows = records.Skip(1).Where(r => r.Count == header.Count).Select(r =>
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                d[header[i]] = r[i];
            }

            return d;
        }).ToList();
        if (rows.Count == 0)
        {
            rows.Add(header.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "医保目录", excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>The import template: header and three example rows (甲类、乙类 with 先行自付比例、限定适应症).</summary>
    public static IReadOnlyList<CatalogItem> TemplateItems { get; } =
    [
        new CatalogItem { Code = "XA01AAA001A001010100001", Name = "示例西药片", ListType = CatalogListType.WesternMedicine, Unit = "盒", Category = PaymentCategory.A, PriceCap = 12.5m },
        new CatalogItem
        {
            Code = "XB01BBB002B002010100002", Name = "示例注射液", ListType = CatalogListType.WesternMedicine, Unit = "支", Category = PaymentCategory.B, PriceCap = 30m,
            SelfPayRatios = [new SelfPayRatioPeriod("", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), 0.1m)],
            Restrictions = new ItemRestrictions { DiagnosisPrefixes = ["I10", "E11"], MaxQuantityPerDay = 2 },
        },
        new CatalogItem { Code = "001201000010000", Name = "示例诊查费", ListType = CatalogListType.MedicalService, Unit = "次", Category = PaymentCategory.A },
    ];
}
