using System.Globalization;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Budget.Classification;

/// <summary>One row of an imported classification catalog (docs/formats/budget-classification.md).</summary>
public sealed record ClassificationRow(int Year, ClassificationKind Kind, string Code, string Name, string? ParentCode, string? GovEconomicCode);

/// <summary>
/// 科目表导入文件（CSV/XLSX）：列 年度、分类类型（功能/部门经济/政府经济）、编码、名称、上级编码、对应政府经济分类（部门经济分类填写）。
/// All-or-nothing: every row's problems are collected as 第N行/列名/规则.
/// </summary>
public static class ClassificationCsv
{
    public static readonly string[] Columns = ["年度", "分类类型", "编码", "名称", "上级编码", "对应政府经济分类"];

    public static string KindName(ClassificationKind kind) => kind switch
    {
        ClassificationKind.Function => "功能",
        ClassificationKind.DepartmentEconomic => "部门经济",
        ClassificationKind.GovernmentEconomic => "政府经济",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ClassificationKind? ParseKind(string text) => text.Trim() switch
    {
        "功能" or "功能分类" or "支出功能分类" => ClassificationKind.Function,
        "部门经济" or "部门经济分类" or "部门预算支出经济分类" => ClassificationKind.DepartmentEconomic,
        "政府经济" or "政府经济分类" or "政府预算支出经济分类" => ClassificationKind.GovernmentEconomic,
        _ => null,
    };

    /// <summary>Parses records (header first). Rows are numbered as in the file (1 = header).</summary>
    public static (IReadOnlyList<ClassificationRow> Rows, IReadOnlyList<ImportRowError> Errors) Parse(IReadOnlyList<IReadOnlyList<string>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var errors = new List<ImportRowError>();
        var rows = new List<(int Line, ClassificationRow Row)>();
        if (records.Count == 0)
        {
            errors.Add(new ImportRowError(0, "文件", "文件为空，第一行应为列名：" + string.Join("、", Columns)));
            return ([], errors);
        }
        var header = records[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in Columns)
        {
            var i = header.IndexOf(c);
            if (i < 0 && c is not "上级编码" and not "对应政府经济分类")
            {
                errors.Add(new ImportRowError(1, c, "缺少此列；第一行应为列名：" + string.Join("、", Columns)));
            }
            index[c] = i;
        }
        if (errors.Count > 0)
        {
            return ([], errors);
        }
        string Cell(IReadOnlyList<string> r, string c) => index[c] is int i and >= 0 && i < r.Count ? r[i].Trim() : "";
        var seen = new Dictionary<(int, ClassificationKind, string), int>();
        for (int n = 1; n < records.Count; n++)
        {
            var r = records[n];
            var line = n + 1;
            if (r.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            void Bad(string col, string msg) => errors.Add(new ImportRowError(line, col, msg));
            var yearText = Cell(r, "年度");
            if (!int.TryParse(yearText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
            {
                Bad("年度", $"应为 2000–2100 之间的年份，实为“{yearText}”");
            }
            var kindText = Cell(r, "分类类型");
            var kind = ParseKind(kindText);
            if (kind is null)
            {
                Bad("分类类型", $"应为 功能、部门经济 或 政府经济，实为“{kindText}”");
            }
            var code = Cell(r, "编码");
            if (kind is ClassificationKind k)
            {
                if (!ClassificationCatalog.HasValidShape(code, k) || ClassificationCatalog.KindOf(code) != k)
                {
                    Bad("编码", k == ClassificationKind.Function
                        ? $"功能分类编码应为 2 开头的 3、5 或 7 位数字，实为“{code}”"
                        : $"{KindName(k)}分类编码应为 {(k == ClassificationKind.DepartmentEconomic ? "3" : "5")} 开头的 3 或 5 位数字，实为“{code}”");
                }
            }
            var name = Cell(r, "名称");
            if (name.Length == 0)
            {
                Bad("名称", "必填");
            }
            else if (name.Length > 100)
            {
                Bad("名称", "不能超过 100 个字");
            }
            var parent = Cell(r, "上级编码");
            var expectedParent = code.Length switch { 7 => code[..5], 5 => code[..3], _ => "" };
            if (parent.Length > 0 && parent != expectedParent)
            {
                Bad("上级编码", expectedParent.Length == 0 ? $"类级科目 {code} 没有上级编码，实为“{parent}”" : $"应为编码的前 {expectedParent.Length} 位“{expectedParent}”，实为“{parent}”");
            }
            var gov = Cell(r, "对应政府经济分类");
            if (gov.Length > 0)
            {
                if (kind != ClassificationKind.DepartmentEconomic)
                {
                    Bad("对应政府经济分类", "只有部门经济分类填写");
                }
                else if (!ClassificationCatalog.HasValidShape(gov, ClassificationKind.GovernmentEconomic) || gov[0] != '5')
                {
                    Bad("对应政府经济分类", $"应为 5 开头的 3 或 5 位数字，实为“{gov}”");
                }
            }
            if (kind is ClassificationKind kk && year is >= 2000 and <= 2100 && code.Length > 0)
            {
                if (seen.TryGetValue((year, kk, code), out var first))
                {
                    Bad("编码", string.Create(CultureInfo.InvariantCulture, $"{year} 年{KindName(kk)}分类编码 {code} 与第 {first} 行重复"));
                }
                else
                {
                    seen[(year, kk, code)] = line;
                }
                rows.Add((line, new ClassificationRow(year, kk, code, name, parent.Length == 0 ? null : parent, gov.Length == 0 ? null : gov)));
            }
        }
        // every 款/项 needs its 类/款 in the same year and kind, either in the file or named as 上级编码 of a listed row
        var keys = rows.Select(x => (x.Row.Year, x.Row.Kind, x.Row.Code)).ToHashSet();
        foreach (var (line, row) in rows)
        {
            if (row.Code.Length > 3)
            {
                var p = row.Code.Length == 7 ? row.Code[..5] : row.Code[..3];
                if (!keys.Contains((row.Year, row.Kind, p)))
                {
                    errors.Add(new ImportRowError(line, "上级编码", string.Create(CultureInfo.InvariantCulture, $"上级科目 {p} 不在文件的 {row.Year} 年{KindName(row.Kind)}分类中")));
                }
            }
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportRowError(0, "文件", "没有数据行"));
        }
        return errors.Count > 0 ? ([], errors.OrderBy(e => e.Row).ToList()) : (rows.Select(x => x.Row).ToList(), []);
    }

    /// <summary>
    /// The catalog of a year: kinds imported for that year are authoritative (a code not listed does not exist); other kinds
    /// fall back to the shipped catalog. Shipped names of other years stay, so renames are still recognised.
    /// </summary>
    public static ClassificationCatalog ForYear(IReadOnlyList<ClassificationRow> imported, int year)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var rows = imported.Where(r => r.Year == year).ToList();
        if (rows.Count == 0)
        {
            return ClassificationCatalog.Default;
        }
        var kinds = rows.Select(r => r.Kind).ToHashSet();
        var entries = rows.Select(r => new ClassificationEntry(r.Kind, r.Code, r.Name, year, year, []))
            .Concat(ClassificationCatalog.Default.Entries.Where(e => !kinds.Contains(e.Kind) || !e.IsValidIn(year)));
        var map = rows.Where(r => r.GovEconomicCode is not null).ToDictionary(r => r.Code, r => r.GovEconomicCode!, StringComparer.Ordinal);
        return new ClassificationCatalog(entries, kinds, map);
    }
}
