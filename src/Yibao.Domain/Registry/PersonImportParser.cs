using System.Globalization;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;

namespace Yibao.Domain.Registry;

/// <summary>One valid data row of a 参保登记批量导入 file (row number as in the file, 1 = header).</summary>
public sealed record PersonImportRow(
    int Row,
    ResidentId Certno,
    string Name,
    string PoolAreaCode,
    string? HouseholdNo,
    string? Phone,
    string? Address,
    InsuranceType Insutype,
    PersonCategory Category,
    DateOnly BeginDate,
    string? EmployerNo);

/// <summary>
/// Parses the rows of a 参保登记批量导入 file (docs/formats/person-import.md): header row with the Chinese column names
/// (any order), then one person with one enrollment per row. Collects every row's problems (行, 列, 规则) instead of
/// stopping at the first; checks that need the database (duplicates in the registry, 户号, 单位编号) are the caller's.
/// </summary>
public static class PersonImportParser
{
    public const string Certno = "证件号码";
    public const string Name = "姓名";
    public const string PoolArea = "统筹区";
    public const string HouseholdNo = "户号";
    public const string Phone = "联系电话";
    public const string Address = "住址";
    public const string Insutype = "险种";
    public const string Category = "人员类别";
    public const string BeginDate = "参保日期";
    public const string EmployerNo = "单位编号";

    /// <summary>The template's columns in order.</summary>
    public static readonly IReadOnlyList<string> Columns = [Certno, Name, PoolArea, HouseholdNo, Phone, Address, Insutype, Category, BeginDate, EmployerNo];

    /// <summary>Columns that must be present in the header.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = [Certno, Name, PoolArea, Insutype, Category, BeginDate];

    /// <summary>Upper bound of data rows in one file.</summary>
    public const int MaxRows = 1_000_000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d"];

    /// <summary>Parses the records (header first). Rows with every cell empty are skipped.</summary>
    public static (List<PersonImportRow> Rows, List<ImportRowError> Errors) Parse(IReadOnlyList<IReadOnlyList<string>> records, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = new List<PersonImportRow>(Math.Max(0, records.Count - 1));
        var errors = new List<ImportRowError>();
        if (records.Count == 0)
        {
            errors.Add(new ImportRowError(1, "文件", "文件为空：第 1 行须为列名（" + string.Join("、", Columns) + "）"));
            return (rows, errors);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = records[0];
        for (var i = 0; i < header.Count; i++)
        {
            var h = (header[i] ?? "").Trim().TrimStart('\uFEFF').TrimEnd('*');
            if (h.Length == 0)
            {
                continue;
            }

            if (!Columns.Contains(h))
            {
                errors.Add(new ImportRowError(1, h, "不是模板中的列名（可用列：" + string.Join("、", Columns) + "）"));
            }
            else if (!index.TryAdd(h, i))
            {
                errors.Add(new ImportRowError(1, h, "列名重复"));
            }
        }

        foreach (var c in RequiredColumns.Where(c => !index.ContainsKey(c)))
        {
            errors.Add(new ImportRowError(1, c, "缺少必需的列"));
        }

        if (errors.Count > 0)
        {
            return (rows, errors);
        }

        if (records.Count - 1 > MaxRows)
        {
            errors.Add(new ImportRowError(1, "文件", string.Create(Inv, $"数据行不能超过 {MaxRows} 行，当前 {records.Count - 1} 行")));
            return (rows, errors);
        }

        var seen = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            var rowNo = r + 1;
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string Cell(string column) => index.TryGetValue(column, out var i) && i < record.Count ? (record[i] ?? "").Trim() : "";
            string? Optional(string column) => Cell(column) is { Length: > 0 } v ? v : null;
            var before = errors.Count;
            void Fail(string column, string rule) => errors.Add(new ImportRowError(rowNo, column, rule));

            var certText = Cell(Certno);
            ResidentId certno = default;
            if (certText.Length == 0)
            {
                Fail(Certno, "不能为空");
            }
            else if (!ResidentId.TryParse(certText, out certno, out var idError))
            {
                Fail(Certno, idError ?? "不是有效的公民身份号码");
            }
            else if (certno.BirthDate > today)
            {
                Fail(Certno, string.Create(Inv, $"证件号码中的出生日期 {certno.BirthDate:yyyy-MM-dd} 晚于今天"));
            }
            else if (!seen.TryAdd(certno.Value, rowNo))
            {
                Fail(Certno, string.Create(Inv, $"与第 {seen[certno.Value]} 行重复（同一人在文件中只能出现一次）"));
            }

            var name = Cell(Name);
            if (name.Length == 0)
            {
                Fail(Name, "不能为空");
            }
            else if (name.Length > 50)
            {
                Fail(Name, "不能超过 50 个字符");
            }

            var pool = Cell(PoolArea);
            if (!IsDivision(pool))
            {
                Fail(PoolArea, pool.Length == 0 ? "不能为空" : $"“{pool}”不是 6 位行政区划代码");
            }

            var household = Optional(HouseholdNo);
            if (household is { Length: > 30 })
            {
                Fail(HouseholdNo, "不能超过 30 个字符");
            }

            var phone = Optional(Phone);
            if (phone is not null && !IsPhone(phone))
            {
                Fail(Phone, $"“{phone}”只能包含数字、+ 和 -，5–20 位");
            }

            var address = Optional(Address);
            if (address is { Length: > 200 })
            {
                Fail(Address, "不能超过 200 个字符");
            }

            var insutype = ParseInsutype(Cell(Insutype));
            if (insutype is null)
            {
                Fail(Insutype, Cell(Insutype).Length == 0 ? "不能为空" : $"“{Cell(Insutype)}”不是有效的险种（310/320/330/340/390/392/510 或其名称）");
            }

            var category = ParseCategory(Cell(Category));
            if (category is null)
            {
                Fail(Category, Cell(Category).Length == 0 ? "不能为空"
                    : $"“{Cell(Category)}”不是有效的人员类别（11 在职、12 退休、13 灵活就业、14 离休、21 学生/儿童、22 成年居民、23 老年居民）");
            }

            var beginText = Cell(BeginDate);
            DateOnly begin = default;
            if (beginText.Length == 0)
            {
                Fail(BeginDate, "不能为空");
            }
            else if (!TryParseDate(beginText, out begin))
            {
                Fail(BeginDate, $"“{beginText}”不是有效日期（格式 yyyy-MM-dd）");
            }

            var employer = Optional(EmployerNo);
            if (employer is { Length: > 30 })
            {
                Fail(EmployerNo, "不能超过 30 个字符");
            }

            if (errors.Count == before)
            {
                rows.Add(new PersonImportRow(rowNo, certno, name, pool, household, phone, address, insutype!.Value, category!.Value, begin, employer));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportRowError(2, "文件", "没有人员数据行"));
        }

        return (rows, errors);
    }

    /// <summary>Turns a domain rule's message "字段：规则" into a row error of <paramref name="row"/>.</summary>
    public static ImportRowError FromRule(int row, string message, string fallbackColumn)
    {
        ArgumentNullException.ThrowIfNull(message);
        var colon = message.IndexOf('：', StringComparison.Ordinal);
        return colon > 0 ? new ImportRowError(row, message[..colon], message[(colon + 1)..]) : new ImportRowError(row, fallbackColumn, message);
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, Inv, DateTimeStyles.None, out date)
        || (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", Inv, DateTimeStyles.None, out var dt) && dt.TimeOfDay == TimeSpan.Zero && Set(DateOnly.FromDateTime(dt), out date));

    private static bool Set(DateOnly value, out DateOnly date)
    {
        date = value;
        return true;
    }

    private static bool IsDivision(string s) => s.Length == 6 && s[0] is >= '1' and <= '9' && s.All(char.IsAsciiDigit);

    private static bool IsPhone(string s) => s.Length is >= 5 and <= 20 && s.All(c => char.IsAsciiDigit(c) || c is '+' or '-');

    /// <summary>险种: the code (390) or the name (城乡居民基本医疗保险), or both ("390 城乡居民基本医疗保险").</summary>
    public static InsuranceType? ParseInsutype(string text)
    {
        var code = LeadingCode(text);
        if (code is { } c && Enum.IsDefined((InsuranceType)c))
        {
            return (InsuranceType)c;
        }

        foreach (var t in Enum.GetValues<InsuranceType>())
        {
            if (string.Equals(RegistryNames.Of(t), text, StringComparison.Ordinal))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>人员类别: the code (22) or the name (成年居民), or both.</summary>
    public static PersonCategory? ParseCategory(string text)
    {
        var code = LeadingCode(text);
        if (code is { } c && Enum.IsDefined((PersonCategory)c))
        {
            return (PersonCategory)c;
        }

        foreach (var t in Enum.GetValues<PersonCategory>())
        {
            if (string.Equals(RegistryNames.Of(t), text, StringComparison.Ordinal))
            {
                return t;
            }
        }

        return null;
    }

    private static int? LeadingCode(string text)
    {
        var n = 0;
        while (n < text.Length && char.IsAsciiDigit(text[n]))
        {
            n++;
        }

        return n is > 0 and <= 4 && (n == text.Length || text[n] == ' ')
            ? int.Parse(text.AsSpan(0, n), NumberStyles.None, Inv)
            : null;
    }
}
