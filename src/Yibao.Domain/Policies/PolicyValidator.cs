using System.Globalization;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Policies;

/// <summary>
/// Validates a policy document. Each error names the JSON path and the rule in Chinese,
/// e.g. <c>$.schemes[2].bands[1].ratio：比例必须在 0–1 之间</c>.
/// </summary>
public static class PolicyValidator
{
    /// <summary>National 险种 codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Insutypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["310"] = "职工基本医疗保险",
        ["320"] = "公务员医疗补助",
        ["330"] = "大额医疗费用补助",
        ["340"] = "离休人员医疗保障",
        ["390"] = "城乡居民基本医疗保险",
        ["392"] = "城乡居民大病医疗保险",
        ["510"] = "生育保险",
    };

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> Validate(PolicyDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var e = new List<string>();
        void Err(string path, string msg) => e.Add(path + "：" + msg);

        if (string.IsNullOrWhiteSpace(doc.Id))
        {
            Err("$.id", "参数集编号不能为空");
        }

        if (doc.PoolArea.Length != 6 || !doc.PoolArea.All(char.IsAsciiDigit))
        {
            Err("$.pool_area", "统筹区必须是 6 位行政区划代码");
        }

        if (doc.EffectiveTo < doc.EffectiveFrom)
        {
            Err("$.effective_to", "结束日期不得早于开始日期");
        }

        for (var i = 0; i < doc.Sources.Count; i++)
        {
            var src = doc.Sources[i];
            if (string.IsNullOrWhiteSpace(src.Title))
            {
                Err($"$.sources[{i}].title", "出处标题不能为空");
            }

            if (src.Kind is { } kind && kind is not ("official" or "mirror" or "third_party"))
            {
                Err($"$.sources[{i}].kind", $"页面类型“{kind}”无效（应为 official/mirror/third_party）");
            }

            if (src.Published is { } pub && !IsPublishedDate(pub))
            {
                Err($"$.sources[{i}].published", $"发布日期“{pub}”无效（应为 yyyy-MM-dd、yyyy-MM 或 yyyy）");
            }
        }

        var cats = Codes(doc.PersonCategories, "$.person_categories", "人员类别", Err);
        var statuses = Codes(doc.SpecialStatuses, "$.special_statuses", "特殊身份", Err);
        var diseases = Codes(doc.ChronicDiseases, "$.chronic_diseases", "慢特病病种", Err);
        if (doc.PersonCategories.Count == 0)
        {
            Err("$.person_categories", "至少需要一个人员类别");
        }

        if (doc.PersonCategories.Count > 64 || doc.SpecialStatuses.Count > 64)
        {
            Err("$", "人员类别和特殊身份各不得超过 64 个");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var capGroups = new Dictionary<string, (decimal? Cap, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < doc.Schemes.Count; i++)
        {
            var s = doc.Schemes[i];
            var p = $"$.schemes[{i}]";
            if (string.IsNullOrWhiteSpace(s.Id) || !ids.Add(s.Id))
            {
                Err(p + ".id", string.IsNullOrWhiteSpace(s.Id) ? "方案编号不能为空" : $"方案编号“{s.Id}”重复");
            }

            if (!Insutypes.ContainsKey(s.Insutype))
            {
                Err(p + ".insutype", $"险种“{s.Insutype}”不是国家险种代码（310/320/330/340/390/392/510）");
            }

            if (!Enum.IsDefined(s.VisitType))
            {
                Err(p + ".visit_type", "就诊类型缺失或无效");
            }

            RefCheck(s.PersonCategories, cats, p + ".person_categories", "人员类别", Err);
            if (s.Diseases is { Count: > 0 })
            {
                if (s.VisitType != VisitType.ChronicOutpatient)
                {
                    Err(p + ".diseases", "只有门诊慢特病方案可以限定病种");
                }

                RefCheck(s.Diseases, diseases, p + ".diseases", "慢特病病种", Err);
            }

            for (var k = 0; k < (s.Levels?.Count ?? 0); k++)
            {
                if (s.Levels![k] is < 0 or > 3)
                {
                    Err($"{p}.levels[{k}]", "机构等级必须是 0（未定级）到 3");
                }
            }

            if (s.Deductible is { } d)
            {
                if (d.Amount < 0m)
                {
                    Err(p + ".deductible.amount", "起付线不能为负数");
                }

                for (var k = 0; k < d.SubsequentFactors.Count; k++)
                {
                    Ratio(d.SubsequentFactors[k], $"{p}.deductible.subsequent_factors[{k}]", "系数", Err);
                }

                for (var k = 0; k < d.StatusFactors.Count; k++)
                {
                    if (!statuses.Contains(d.StatusFactors[k].Status))
                    {
                        Err($"{p}.deductible.status_factors[{k}].status", $"特殊身份“{d.StatusFactors[k].Status}”未在 special_statuses 中定义");
                    }

                    Ratio(d.StatusFactors[k].Factor, $"{p}.deductible.status_factors[{k}].factor", "系数", Err);
                }
            }

            if (s.FixedAmount is decimal fx)
            {
                if (fx < 0m)
                {
                    Err(p + ".fixed_amount", "定额不能为负数");
                }
            }
            else
            {
                Bands(s.Bands, p, 0m, Err);
            }

            for (var k = 0; k < s.Adjustments.Count; k++)
            {
                RefCheck(s.Adjustments[k].Categories, cats, $"{p}.adjustments[{k}].categories", "人员类别", Err);
                Ratio(s.Adjustments[k].RatioBonus, $"{p}.adjustments[{k}].ratio_bonus", "比例", Err);
            }

            if (s.AnnualCap is decimal cap)
            {
                if (cap <= 0m)
                {
                    Err(p + ".annual_cap", "年度最高支付限额必须大于 0");
                }
                else if (s.Deductible is { } dd && cap < dd.Amount)
                {
                    Err(p + ".annual_cap", $"封顶线（{cap.ToString(Inv)}）低于起付线（{dd.Amount.ToString(Inv)}）");
                }
            }

            var g = s.CapGroup ?? s.Id;
            if (capGroups.TryGetValue(g, out var prev))
            {
                if (prev.Cap != s.AnnualCap)
                {
                    Err(p + ".annual_cap", $"与 $.schemes[{prev.Index}] 同属封顶组“{g}”，封顶线必须一致");
                }
            }
            else
            {
                capGroups[g] = (s.AnnualCap, i);
            }
        }

        var layerIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < doc.Layers.Count; i++)
        {
            var l = doc.Layers[i];
            var p = $"$.layers[{i}]";
            if (string.IsNullOrWhiteSpace(l.Id) || !layerIds.Add(l.Id))
            {
                Err(p + ".id", string.IsNullOrWhiteSpace(l.Id) ? "编号不能为空" : $"编号“{l.Id}”重复");
            }

            if (!Enum.IsDefined(l.Kind))
            {
                Err(p + ".kind", "类型缺失或无效");
            }

            if (l.Insutype is not null && !Insutypes.ContainsKey(l.Insutype))
            {
                Err(p + ".insutype", $"险种“{l.Insutype}”不是国家险种代码");
            }

            RefCheck(l.PersonCategories, cats, p + ".person_categories", "人员类别", Err);
            RefCheck(l.Statuses, statuses, p + ".statuses", "特殊身份", Err);
            if (l.Threshold < 0m)
            {
                Err(p + ".threshold", "起付标准不能为负数");
            }

            Bands(l.Bands, p, l.Threshold, Err);
            if (l.AnnualCap is decimal cap)
            {
                if (cap <= 0m)
                {
                    Err(p + ".annual_cap", "年度最高支付限额必须大于 0");
                }
                else if (cap < l.Threshold)
                {
                    Err(p + ".annual_cap", $"封顶线（{cap.ToString(Inv)}）低于起付标准（{l.Threshold.ToString(Inv)}）");
                }
            }

            for (var k = 0; k < l.Adjustments.Count; k++)
            {
                var a = l.Adjustments[k];
                RefCheck(a.Statuses, statuses, $"{p}.adjustments[{k}].statuses", "特殊身份", Err);
                if (a.ThresholdFactor is decimal tf)
                {
                    Ratio(tf, $"{p}.adjustments[{k}].threshold_factor", "系数", Err);
                }

                Ratio(a.RatioBonus, $"{p}.adjustments[{k}].ratio_bonus", "比例", Err);
            }
        }

        for (var i = 0; i < doc.Account.Count; i++)
        {
            if (!Insutypes.ContainsKey(doc.Account[i].Insutype))
            {
                Err($"$.account[{i}].insutype", $"险种“{doc.Account[i].Insutype}”不是国家险种代码");
            }
        }

        // Coverage: every required combination is matched by exactly one scheme.
        for (var i = 0; i < doc.Coverage.Count; i++)
        {
            var c = doc.Coverage[i];
            var p = $"$.coverage[{i}]";
            RefCheck(c.PersonCategories, cats, p + ".person_categories", "人员类别", Err);
            var missing = 0;
            foreach (var cat in c.PersonCategories)
            {
                foreach (var v in c.VisitTypes)
                {
                    IEnumerable<string?> dis = v == VisitType.ChronicOutpatient ? doc.ChronicDiseases.Select(x => (string?)x.Code) : [null];
                    foreach (var di in dis)
                    {
                        foreach (var lv in c.Levels)
                        {
                            foreach (var pl in c.Places)
                            {
                                var matches = new List<int>(2);
                                for (var si = 0; si < doc.Schemes.Count; si++)
                                {
                                    if (Matches(doc.Schemes[si], c.Insutype, cat, v, di, lv, pl))
                                    {
                                        matches.Add(si);
                                    }
                                }

                                var combo = $"险种{c.Insutype} × 人员类别{cat} × {v.ChineseName()}{(di is null ? "" : "（" + di + "）")} × 机构等级{lv.ToString(Inv)} × {PlaceName(pl)}";
                                if (matches.Count == 0 && missing++ < 20)
                                {
                                    Err("$.schemes", "缺少组合 " + combo + $"（{p} 要求覆盖）");
                                }
                                else if (matches.Count > 1)
                                {
                                    Err($"$.schemes[{matches[1]}]", $"与 $.schemes[{matches[0]}] 重叠：{combo} 同时匹配两个方案");
                                }
                            }
                        }
                    }
                }
            }
        }

        return e.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool IsPublishedDate(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", Inv, DateTimeStyles.None, out _)
        || DateOnly.TryParseExact(s + "-01", "yyyy-MM-dd", Inv, DateTimeStyles.None, out _)
        || DateOnly.TryParseExact(s + "-01-01", "yyyy-MM-dd", Inv, DateTimeStyles.None, out _);

    public static string PlaceName(Place p) => p switch
    {
        Place.Local => "本地",
        Place.Filed => "异地已备案",
        Place.Unfiled => "异地未备案",
        Place.Referral => "转诊",
        _ => "未知",
    };

    private static bool Matches(SchemeDef s, string insutype, string cat, VisitType v, string? disease, int level, Place place) =>
        string.Equals(s.Insutype, insutype, StringComparison.Ordinal)
        && s.VisitType == v
        && (s.PersonCategories is not { Count: > 0 } || s.PersonCategories.Contains(cat, StringComparer.Ordinal))
        && (disease is null || s.Diseases is not { Count: > 0 } || s.Diseases.Contains(disease, StringComparer.Ordinal))
        && (s.Levels is not { Count: > 0 } || s.Levels.Contains(level))
        && (s.Places is not { Count: > 0 } || s.Places.Contains(place));

    private static HashSet<string> Codes(List<CodeName> list, string path, string what, Action<string, string> err)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i].Code))
            {
                err($"{path}[{i}].code", what + "代码不能为空");
            }
            else if (!set.Add(list[i].Code))
            {
                err($"{path}[{i}].code", $"{what}代码“{list[i].Code}”重复");
            }
        }

        return set;
    }

    private static void RefCheck(List<string>? refs, HashSet<string> declared, string path, string what, Action<string, string> err)
    {
        for (var k = 0; k < (refs?.Count ?? 0); k++)
        {
            if (!declared.Contains(refs![k]))
            {
                err($"{path}[{k}]", $"{what}“{refs[k]}”未定义");
            }
        }
    }

    private static void Ratio(decimal r, string path, string what, Action<string, string> err)
    {
        if (r is < 0m or > 1m)
        {
            err(path, what + "必须在 0–1 之间");
        }
    }

    private static void Bands(List<BandDef> bands, string p, decimal start, Action<string, string> err)
    {
        if (bands.Count == 0)
        {
            err(p + ".bands", "至少需要一个分段");
            return;
        }

        if (bands[0].From != start)
        {
            err(p + ".bands[0].from", $"第一段必须从 {start.ToString(Inv)} 开始（{(start == 0m ? "起付线以上金额" : "起付标准")}）");
        }

        for (var k = 0; k < bands.Count; k++)
        {
            var b = bands[k];
            var bp = $"{p}.bands[{k}]";
            Ratio(b.Ratio, bp + ".ratio", "比例", err);
            if (b.From < 0m)
            {
                err(bp + ".from", "分段起点不能为负数");
            }

            if (b.To is decimal to && to <= b.From)
            {
                err(bp + ".to", "分段终点必须大于起点");
            }

            if (k > 0)
            {
                var prevTo = bands[k - 1].To;
                if (prevTo is null || b.From < prevTo)
                {
                    err(bp + ".from", "与上一段重叠");
                }
                else if (b.From > prevTo)
                {
                    err(bp + ".from", "与上一段之间有空档");
                }
            }
        }
    }
}
