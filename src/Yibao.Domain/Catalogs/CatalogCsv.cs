using System.Globalization;
using System.Text;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Domain.Catalogs;

/// <summary>
/// The catalog CSV format (docs/formats/catalog.md): UTF-8, header row with national download column names,
/// one row per item and 先行自付比例 period (extra rows with the same code add periods).
/// </summary>
public static class CatalogCsv
{
    public static readonly string[] Columns =
    [
        "hilist_code", "hilist_name", "list_type", "prcunt", "chrgitm_lv", "hilist_pric_uplmt_amt",
        "selfpay_prop_admdvs", "selfpay_prop", "begndate", "enddate",
        "lmt_gend", "lmt_age_min", "lmt_age_max", "lmt_hosp_lv", "lmt_med_type", "lmt_dise", "max_qty_day", "max_qty_stay",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string CategoryCodeOf(PaymentCategory c) => CategoryCode(c);

    public static string ListTypeCode(CatalogListType t) => t switch
    {
        CatalogListType.WesternMedicine => "101",
        CatalogListType.ChinesePatentMedicine => "102",
        CatalogListType.ChineseHerbalPieces => "103",
        CatalogListType.MedicalService => "201",
        CatalogListType.MedicalConsumable => "301",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    private static CatalogListType ParseListType(string s) => s switch
    {
        "101" => CatalogListType.WesternMedicine,
        "102" => CatalogListType.ChinesePatentMedicine,
        "103" => CatalogListType.ChineseHerbalPieces,
        "201" => CatalogListType.MedicalService,
        "301" => CatalogListType.MedicalConsumable,
        _ => throw new FormatException($"目录类别“{s}”无效（应为 101/102/103/201/301）"),
    };

    private static PaymentCategory ParseCategory(string s) => s switch
    {
        "01" or "1" or "甲" => PaymentCategory.A,
        "02" or "2" or "乙" => PaymentCategory.B,
        "03" or "3" or "丙" => PaymentCategory.C,
        _ => throw new FormatException($"收费项目等级“{s}”无效（应为 01/02/03）"),
    };

    private static string CategoryCode(PaymentCategory c) => c switch
    {
        PaymentCategory.A => "01",
        PaymentCategory.B => "02",
        PaymentCategory.C => "03",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static VisitType ParseVisit(string s) => s switch
    {
        "11" => VisitType.GeneralOutpatient,
        "14" => VisitType.ChronicOutpatient,
        "21" => VisitType.Inpatient,
        "52" => VisitType.Maternity,
        _ => throw new FormatException($"限定就诊类型“{s}”无效（应为 11/14/21/52）"),
    };

    /// <summary>Parses a catalog CSV; errors name the line and column. All-or-nothing.</summary>
    public static Catalog Parse(TextReader reader, IEnumerable<Diagnosis>? diagnoses = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = ReadRecord(reader) ?? throw new FormatException("目录文件为空");
        var col = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            col[header[i].Trim().TrimStart('\uFEFF')] = i;
        }

        foreach (var required in Columns.AsSpan(0, 6))
        {
            if (!col.ContainsKey(required))
            {
                throw new FormatException($"目录文件缺少列 {required}");
            }
        }

        var items = new List<CatalogItem>();
        var byCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<string>();
        var lineNo = 1;
        List<string>? rec;
        while ((rec = ReadRecord(reader)) is not null)
        {
            lineNo++;
            if (rec.Count == 1 && rec[0].Length == 0)
            {
                continue;
            }

            string F(string name) => col.TryGetValue(name, out var i) && i < rec.Count ? rec[i].Trim() : "";
            try
            {
                var code = F("hilist_code");
                if (code.Length == 0)
                {
                    throw new FormatException("hilist_code 不能为空");
                }

                var ratioText = F("selfpay_prop");
                SelfPayRatioPeriod? period = null;
                if (ratioText.Length > 0)
                {
                    var ratio = Dec(ratioText, "selfpay_prop");
                    if (ratio is < 0m or > 1m)
                    {
                        throw new FormatException("selfpay_prop 必须在 0–1 之间");
                    }

                    period = new SelfPayRatioPeriod(
                        F("selfpay_prop_admdvs"),
                        F("begndate") is { Length: > 0 } b ? DateOnly.ParseExact(b, "yyyy-MM-dd", Inv) : DateOnly.MinValue,
                        F("enddate") is { Length: > 0 } en ? DateOnly.ParseExact(en, "yyyy-MM-dd", Inv) : DateOnly.MaxValue,
                        ratio);
                }

                if (byCode.TryGetValue(code, out var existing))
                {
                    if (period is { } p2)
                    {
                        items[existing] = items[existing] with { SelfPayRatios = [.. items[existing].SelfPayRatios, p2] };
                    }

                    continue;
                }

                var r = new ItemRestrictions
                {
                    Gender = F("lmt_gend") switch { "" => null, "1" => Gender.Male, "2" => Gender.Female, var g => throw new FormatException($"lmt_gend“{g}”无效") },
                    MinAge = Int(F("lmt_age_min")),
                    MaxAge = Int(F("lmt_age_max")),
                    MinInstitutionLevel = Int(F("lmt_hosp_lv")) is int lv ? (InstitutionLevel)lv : null,
                    VisitTypes = F("lmt_med_type") is { Length: > 0 } mt
                        ? mt.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Aggregate(VisitTypeSet.None, (a, v) => a | ParseVisit(v).ToSet())
                        : VisitTypeSet.All,
                    DiagnosisPrefixes = F("lmt_dise").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    MaxQuantityPerDay = F("max_qty_day") is { Length: > 0 } d ? Dec(d, "max_qty_day") : null,
                    MaxQuantityPerStay = F("max_qty_stay") is { Length: > 0 } st ? Dec(st, "max_qty_stay") : null,
                };
                var item = new CatalogItem
                {
                    Code = code,
                    Name = F("hilist_name"),
                    ListType = ParseListType(F("list_type")),
                    Unit = F("prcunt"),
                    Category = ParseCategory(F("chrgitm_lv")),
                    PriceCap = F("hilist_pric_uplmt_amt") is { Length: > 0 } cap ? Dec(cap, "hilist_pric_uplmt_amt") : null,
                    SelfPayRatios = period is { } p ? [p] : [],
                    Restrictions = r.IsEmpty ? ItemRestrictions.None : r,
                };
                byCode[code] = items.Count;
                items.Add(item);
            }
            catch (FormatException ex)
            {
                errors.Add($"第{lineNo}行：{ex.Message}");
            }
        }

        if (errors.Count > 0)
        {
            throw new FormatException("目录文件有错误：" + string.Join("；", errors.Take(50)));
        }

        return new Catalog(items, diagnoses);
    }

    /// <summary>Diagnoses CSV: header <c>diag_code,diag_name</c>.</summary>
    public static List<Diagnosis> ParseDiagnoses(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _ = ReadRecord(reader);
        var list = new List<Diagnosis>();
        List<string>? rec;
        while ((rec = ReadRecord(reader)) is not null)
        {
            if (rec.Count >= 2 && rec[0].Length > 0)
            {
                list.Add(new Diagnosis(rec[0].Trim(), rec[1].Trim()));
            }
        }

        return list;
    }

    public static void Write(TextWriter w, IEnumerable<CatalogItem> items)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(items);
        w.Write(string.Join(',', Columns));
        w.Write('\n');
        foreach (var it in items)
        {
            var r = it.Restrictions;
            var periods = it.SelfPayRatios.Count > 0 ? it.SelfPayRatios.Select(p => (SelfPayRatioPeriod?)p).ToList() : [null];
            foreach (var p in periods)
            {
                string[] f =
                [
                    it.Code, it.Name, ListTypeCode(it.ListType), it.Unit, CategoryCode(it.Category),
                    it.PriceCap?.ToString(Inv) ?? "",
                    p?.PoolArea ?? "", p?.Ratio.ToString(Inv) ?? "",
                    p is { From: var from } && from != DateOnly.MinValue ? from.ToString("yyyy-MM-dd", Inv) : "",
                    p is { To: var to } && to != DateOnly.MaxValue ? to.ToString("yyyy-MM-dd", Inv) : "",
                    r.Gender is { } g ? ((int)g).ToString(Inv) : "",
                    r.MinAge?.ToString(Inv) ?? "", r.MaxAge?.ToString(Inv) ?? "",
                    r.MinInstitutionLevel is { } lv ? ((int)lv).ToString(Inv) : "",
                    r.VisitTypes == VisitTypeSet.All ? "" : string.Join(';', new[] { VisitType.GeneralOutpatient, VisitType.ChronicOutpatient, VisitType.Inpatient, VisitType.Maternity }
                        .Where(v => (r.VisitTypes & v.ToSet()) != 0).Select(v => ((int)v).ToString(Inv))),
                    string.Join(';', r.DiagnosisPrefixes),
                    r.MaxQuantityPerDay?.ToString(Inv) ?? "", r.MaxQuantityPerStay?.ToString(Inv) ?? "",
                ];
                w.Write(string.Join(',', f.Select(Quote)));
                w.Write('\n');
            }
        }
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static decimal Dec(string s, string col) =>
        decimal.TryParse(s, NumberStyles.Number, Inv, out var d) ? d : throw new FormatException($"{col}“{s}”不是数字");

    private static int? Int(string s) =>
        s.Length == 0 ? null : int.TryParse(s, NumberStyles.Integer, Inv, out var i) ? i : throw new FormatException($"“{s}”不是整数");

    /// <summary>All RFC 4180 records of a CSV text (header included), for row-level import checks.</summary>
    public static IEnumerable<List<string>> ReadRecords(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<string>? rec;
        while ((rec = ReadRecord(reader)) is not null)
        {
            yield return rec;
        }
    }

    /// <summary>Reads one RFC 4180 record, or null at end.</summary>
    private static List<string>? ReadRecord(TextReader r)
    {
        var c = r.Read();
        if (c < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        while (true)
        {
            if (c < 0)
            {
                fields.Add(sb.ToString());
                return fields;
            }

            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (r.Peek() == '"')
                    {
                        sb.Append('"');
                        r.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    sb.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(sb.ToString());
                return fields;
            }
            else if (ch != '\r')
            {
                sb.Append(ch);
            }

            c = r.Read();
        }
    }
}
