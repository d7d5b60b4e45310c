using System.Globalization;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Settlement;

/// <summary>Renders explanation steps and line reasons as Chinese text for the counter clerk and the insured person.</summary>
public static class ExplanationFormatter
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static string Yuan(decimal x) => x.ToString("#,0.00", Zh) + "元";

    private static string Pct(decimal r) => (r * 100m).ToString("0.##", Zh) + "%";

    private static string Range(decimal from, decimal to) =>
        to < 0m ? Yuan(from) + "以上" : Yuan(from) + "–" + Yuan(to);

    public static string Format(in ExplanationStep s) => s.Kind switch
    {
        StepKind.Classification => $"费用分类：医疗费总额{Yuan(s.A)}，其中全自费{Yuan(s.B)}、超限价自费{Yuan(s.C)}、乙类先行自付{Yuan(s.D)}，符合政策范围{Yuan(s.Amount)}。",
        StepKind.NoScheme => $"基本医保：{s.Label}，统筹基金不予支付。",
        StepKind.Scheme => $"适用基本医保方案：{s.Label}。",
        StepKind.DeductiblePerVisit => s.B >= 2m || s.C != 1m
            ? $"起付线：标准{Yuan(s.A)}，本年度第{s.B.ToString("0", Zh)}次，按{s.C.ToString("0.##", Zh)}倍计{Yuan(s.D)}，本次实际支付起付线{Yuan(s.Amount)}。"
            : $"起付线：{Yuan(s.D)}，本次实际支付起付线{Yuan(s.Amount)}。",
        StepKind.DeductiblePerYear => $"起付线（年度累计）：年度起付线{Yuan(s.A)}，年内已累计{Yuan(s.B)}，本次计入{Yuan(s.Amount)}。",
        StepKind.Band => $"统筹支付：{Range(s.A, s.B)}段，段内金额{Yuan(s.D)}×{Pct(s.C)}={Yuan(s.Amount)}。",
        StepKind.Cap => $"年度最高支付限额{Yuan(s.A)}，年内已支付{Yuan(s.B)}，按比例应付{Yuan(s.C)}，本次实付{Yuan(s.Amount)}" + (s.D > 0m ? $"，超限额政策范围内费用{Yuan(s.D)}。" : "。"),
        StepKind.FixedAmount => $"定额支付：定额标准{Yuan(s.A)}，本次支付{Yuan(s.Amount)}。",
        StepKind.BasicTotal => $"基本医疗保险统筹基金支付{Yuan(s.Amount)}，起付线以上统筹内个人自付{Yuan(s.A)}。",
        StepKind.Layer => $"{s.Label}：本次计算基数{Yuan(s.A)}，年度累计由{Yuan(s.B)}增至{Yuan(s.C)}（起付标准{Yuan(s.D)}），本次支付{Yuan(s.Amount)}。",
        StepKind.LayerBand => $"　{s.Label}：{Range(s.A, s.B)}段，本次入段{Yuan(s.D)}×{Pct(s.C)}={Yuan(s.Amount)}。",
        StepKind.LayerCap => $"　{s.Label}：年度封顶{Yuan(s.A)}，此前已支付{Yuan(s.B)}，本次按封顶支付{Yuan(s.Amount)}。",
        StepKind.Account => $"个人账户：余额{Yuan(s.A)}，可支付范围{Yuan(s.B)}，本次支付{Yuan(s.Amount)}。",
        StepKind.Cash => $"个人负担{Yuan(s.A)}，个人账户支付{Yuan(s.B)}，个人现金支付{Yuan(s.Amount)}。",
        StepKind.Summary => $"合计：医疗费总额{Yuan(s.Amount)}＝基金支付{Yuan(s.A)}＋个人负担{Yuan(s.B)}。",
        _ => s.Kind.ToString(),
    };

    public static string Reason(LineReason r) => r switch
    {
        LineReason.None => "",
        LineReason.NotInCatalog => "不在医保目录",
        LineReason.CategoryC => "丙类",
        LineReason.Gender => "限定性别不符",
        LineReason.Age => "限定年龄不符",
        LineReason.InstitutionLevel => "限定医疗机构等级不符",
        LineReason.VisitType => "限定就诊类型不符",
        LineReason.Indication => "不符合限定适应症",
        LineReason.QuantityPerDay => "超每日限量",
        LineReason.QuantityPerStay => "超单次住院限量",
        LineReason.Review => "智能审核明确违规",
        _ => r.ToString(),
    };

    /// <summary>Line class: 全自费 / 超限价自费 / 乙类先行自付 / 政策范围内 (the largest non-scope part wins).</summary>
    public static string LineClass(in LineResult l, Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (l.FulamtOwnpay > 0m && l.FulamtOwnpay == l.Amount)
        {
            return "全自费（" + Reason(l.Reason) + "）";
        }

        var parts = new List<string>(3);
        if (l.FulamtOwnpay > 0m)
        {
            parts.Add("部分全自费（" + Reason(l.Reason) + "）");
        }

        if (l.Overlmt > 0m)
        {
            parts.Add("超限价自费");
        }

        if (l.Preselfpay > 0m)
        {
            parts.Add("乙类先行自付" + Pct(l.SelfPayRatio));
        }

        if (parts.Count == 0)
        {
            var cat = l.ItemIndex >= 0 ? catalog.Items[l.ItemIndex].Category.ChineseName() : "";
            return "政策范围内" + (cat.Length > 0 ? "（" + cat + "）" : "");
        }

        return string.Join("，", parts);
    }
}
