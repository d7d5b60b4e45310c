using System.Globalization;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Domain.Catalogs;

/// <summary>One problem of an import file: 行号 (1 = header), 列 (national column name) and the rule broken.</summary>
public sealed record ImportRowError(int Row, string Column, string Message)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"第 {Row} 行，{Column}：{Message}");
}

/// <summary>
/// Parses the rows of a catalog file (CSV or Excel, the national download columns of <see cref="CatalogCsv.Columns"/>)
/// into items, collecting every row's problems instead of stopping at the first one.
/// </summary>
public static class CatalogRowParser
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Chinese column captions, for templates and messages.</summary>
    public static readonly IReadOnlyDictionary<string, string> Captions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hilist_code"] = "医保目录编码",
        ["hilist_name"] = "医保目录名称",
        ["list_type"] = "目录类别",
        ["prcunt"] = "计价单位",
        ["chrgitm_lv"] = "收费项目等级",
        ["hilist_pric_uplmt_amt"] = "限价",
        ["selfpay_prop_admdvs"] = "先行自付比例统筹区",
        ["selfpay_prop"] = "先行自付比例",
        ["begndate"] = "开始日期",
        ["enddate"] = "结束日期",
        ["lmt_gend"] = "限定性别",
        ["lmt_age_min"] = "最小年龄",
        ["lmt_age_max"] = "最大年龄",
        ["lmt_hosp_lv"] = "最低医院等级",
        ["lmt_med_type"] = "限定就诊类型",
        ["lmt_dise"] = "限定适应症",
        ["max_qty_day"] = "每日最大数量",
        ["max_qty_stay"] = "每次住院最大数量",
    };

    /// <summary>Columns that describe the item itself (not a 先行自付比例 period): equal on every row of one code.</summary>
    private static readonly string[] ItemLevelColumns =
    [
        "hilist_name", "list_type", "prcunt", "chrgitm_lv", "hilist_pric_uplmt_amt",
        "lmt_gend", "lmt_age_min", "lmt_age_max", "lmt_hosp_lv", "lmt_med_type", "lmt_dise", "max_qty_day", "max_qty_stay",
    ];

    public static string Caption(string column) => Captions.TryGetValue(column, out var c) ? $"{column}（{c}）" : column;

    /// <summary>Parses a header row and data rows. Row numbers count the header as row 1.</summary>
    public static (List<CatalogItem> Items, List<ImportRowError> Errors) Parse(IEnumerable<IReadOnlyList<string>> records, int maxErrors = 500)
    {
        ArgumentNullException.ThrowIfNull(records);
        var items = new List<CatalogItem>();
        var errors = new List<ImportRowError>();
        using var e = records.GetEnumerator();
        if (!e.MoveNext())
        {
            errors.Add(new ImportRowError(1, "文件", "文件为空，第 1 行应为列名"));
            return (items, errors);
        }

        var col = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < e.Current.Count; i++)
        {
            col.TryAdd((e.Current[i] ?? "").Trim().TrimStart('\uFEFF'), i);
        }

        foreach (var required in CatalogCsv.Columns.AsSpan(0, 5))
        {
            if (!col.ContainsKey(required))
            {
                errors.Add(new ImportRowError(1, Caption(required), "缺少此列（列名须使用国家目录下载文件的列名，见模板）"));
            }
        }

        if (errors.Count > 0)
        {
            return (items, errors);
        }

        var byCode = new Dictionary<string, int>(StringComparer.Ordinal);
        // Item-level cells of the first row of each code: later rows of the same code may only add 先行自付比例 periods.
        var firstRowOf = new Dictionary<string, (int Row, string[] Cells)>(StringComparer.Ordinal);
        var row = 1;
        while (e.MoveNext())
        {
            row++;
            var rec = e.Current;
            if (rec.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (errors.Count >= maxErrors)
            {
                break;
            }

            var before = errors.Count;
            string F(string name) => col.TryGetValue(name, out var i) && i < rec.Count ? (rec[i] ?? "").Trim() : "";
            void Err(string column, string message) => errors.Add(new ImportRowError(row, Caption(column), message));

            var code = F("hilist_code");
            if (code.Length == 0)
            {
                Err("hilist_code", "不能为空");
            }
            else if (code.Length > 50)
            {
                Err("hilist_code", "不能超过 50 个字符");
            }

            SelfPayRatioPeriod? period = null;
            var ratioText = F("selfpay_prop");
            if (ratioText.Length > 0)
            {
                var ratio = Dec(ratioText, "selfpay_prop", Err);
                if (ratio is < 0m or > 1m)
                {
                    Err("selfpay_prop", "须在 0–1 之间（例如 0.1 表示 10%）");
                }

                var area = F("selfpay_prop_admdvs");
                if (area.Length > 0 && (area.Length != 6 || !area.All(char.IsAsciiDigit)))
                {
                    Err("selfpay_prop_admdvs", "须为 6 位行政区划代码，或留空表示全国");
                }

                var from = Date(F("begndate"), "begndate", Err) ?? DateOnly.MinValue;
                var to = Date(F("enddate"), "enddate", Err) ?? DateOnly.MaxValue;
                if (to < from)
                {
                    Err("enddate", "不得早于开始日期");
                }

                period = new SelfPayRatioPeriod(area, from, to, ratio ?? 0m);
            }

            var itemCells = ItemLevelColumns.Select(F).ToArray();
            if (code.Length > 0 && firstRowOf.TryGetValue(code, out var first))
            {
                for (var c = 0; c < ItemLevelColumns.Length; c++)
                {
                    if (!string.Equals(itemCells[c], first.Cells[c], StringComparison.Ordinal))
                    {
                        Err(ItemLevelColumns[c], string.Create(CultureInfo.InvariantCulture,
                            $"与第 {first.Row} 行同一编码的“{first.Cells[c]}”不一致（同一编码的多行只能用于不同的先行自付比例期间）"));
                    }
                }
            }
            else if (code.Length > 0)
            {
                firstRowOf[code] = (row, itemCells);
            }

            if (code.Length > 0 && byCode.TryGetValue(code, out var existing))
            {
                // An extra row with the same code adds a 先行自付比例 period.
                if (errors.Count == before && period is { } p2)
                {
                    items[existing] = items[existing] with { SelfPayRatios = [.. items[existing].SelfPayRatios, p2] };
                }

                continue;
            }

            var name = F("hilist_name");
            if (name.Length == 0)
            {
                Err("hilist_name", "不能为空");
            }
            else if (name.Length > 200)
            {
                Err("hilist_name", "不能超过 200 个字符");
            }

            CatalogListType? listType = F("list_type") switch
            {
                "101" => CatalogListType.WesternMedicine,
                "102" => CatalogListType.ChinesePatentMedicine,
                "103" => CatalogListType.ChineseHerbalPieces,
                "201" => CatalogListType.MedicalService,
                "301" => CatalogListType.MedicalConsumable,
                var s => Fail<CatalogListType>(() => Err("list_type", $"“{s}”无效，应为 101 西药、102 中成药、103 中药饮片、201 医疗服务项目、301 医用耗材")),
            };
            PaymentCategory? category = F("chrgitm_lv") switch
            {
                "01" or "1" or "甲" or "甲类" => PaymentCategory.A,
                "02" or "2" or "乙" or "乙类" => PaymentCategory.B,
                "03" or "3" or "丙" or "丙类" => PaymentCategory.C,
                var s => Fail<PaymentCategory>(() => Err("chrgitm_lv", $"“{s}”无效，应为 01 甲类、02 乙类、03 丙类")),
            };
            if (period is not null && category is not PaymentCategory.B && category is not null)
            {
                Err("selfpay_prop", "只有乙类（02）项目可以设置先行自付比例");
            }

            var cap = F("hilist_pric_uplmt_amt") is { Length: > 0 } capText ? Dec(capText, "hilist_pric_uplmt_amt", Err) : null;
            if (cap is < 0m)
            {
                Err("hilist_pric_uplmt_amt", "不能为负数");
            }

            Gender? gender = F("lmt_gend") switch
            {
                "" => null,
                "1" => Gender.Male,
                "2" => Gender.Female,
                var g => Fail<Gender>(() => Err("lmt_gend", $"“{g}”无效，应为 1 男、2 女或留空")),
            };
            var minAge = Int(F("lmt_age_min"), "lmt_age_min", Err);
            var maxAge = Int(F("lmt_age_max"), "lmt_age_max", Err);
            if (minAge is < 0 or > 150)
            {
                Err("lmt_age_min", "须在 0–150 之间");
            }

            if (minAge is { } a1 && maxAge is { } a2 && a2 < a1)
            {
                Err("lmt_age_max", "不得小于最小年龄");
            }

            var level = Int(F("lmt_hosp_lv"), "lmt_hosp_lv", Err);
            if (level is < 0 or > 3)
            {
                Err("lmt_hosp_lv", "须为 0–3（未定级、一级、二级、三级）");
            }

            var visits = VisitTypeSet.All;
            if (F("lmt_med_type") is { Length: > 0 } mt)
            {
                visits = VisitTypeSet.None;
                foreach (var v in mt.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    visits |= v switch
                    {
                        "11" => VisitTypeSet.GeneralOutpatient,
                        "14" => VisitTypeSet.ChronicOutpatient,
                        "21" => VisitTypeSet.Inpatient,
                        "52" => VisitTypeSet.Maternity,
                        _ => Fail<VisitTypeSet>(() => Err("lmt_med_type", $"“{v}”无效，应为 11/14/21/52，多个用分号分隔")) ?? VisitTypeSet.None,
                    };
                }
            }

            var perDay = F("max_qty_day") is { Length: > 0 } d ? Dec(d, "max_qty_day", Err) : null;
            var perStay = F("max_qty_stay") is { Length: > 0 } st ? Dec(st, "max_qty_stay", Err) : null;
            if (perDay is <= 0m)
            {
                Err("max_qty_day", "须大于 0");
            }

            if (perStay is <= 0m)
            {
                Err("max_qty_stay", "须大于 0");
            }

            if (errors.Count > before || listType is null || category is null)
            {
                continue;
            }

            var r = new ItemRestrictions
            {
                Gender = gender,
                MinAge = minAge,
                MaxAge = maxAge,
                MinInstitutionLevel = level is int lv ? (InstitutionLevel)lv : null,
                VisitTypes = visits,
                DiagnosisPrefixes = F("lmt_dise").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                MaxQuantityPerDay = perDay,
                MaxQuantityPerStay = perStay,
            };
            byCode[code] = items.Count;
            items.Add(new CatalogItem
            {
                Code = code,
                Name = name,
                ListType = listType.Value,
                Unit = F("prcunt"),
                Category = category.Value,
                PriceCap = cap,
                SelfPayRatios = period is { } p ? [p] : [],
                Restrictions = r.IsEmpty ? ItemRestrictions.None : r,
            });
        }

        return (items, errors);
    }

    private static T? Fail<T>(Action report)
        where T : struct
    {
        report();
        return null;
    }

    private static decimal? Dec(string s, string column, Action<string, string> err)
    {
        if (decimal.TryParse(s, NumberStyles.Number, Inv, out var d))
        {
            return d;
        }

        err(column, $"“{s}”不是数字");
        return null;
    }

    private static int? Int(string s, string column, Action<string, string> err)
    {
        if (s.Length == 0)
        {
            return null;
        }

        if (int.TryParse(s, NumberStyles.Integer, Inv, out var i))
        {
            return i;
        }

        err(column, $"“{s}”不是整数");
        return null;
    }

    private static DateOnly? Date(string s, string column, Action<string, string> err)
    {
        if (s.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var d))
        {
            return d;
        }

        // Excel may hand over a date-time text.
        if (DateTime.TryParse(s, Inv, DateTimeStyles.None, out var dt))
        {
            return DateOnly.FromDateTime(dt);
        }

        err(column, $"“{s}”不是日期，格式应为 yyyy-MM-dd");
        return null;
    }
}
