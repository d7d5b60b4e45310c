namespace Yibao.Domain.Performance;

/// <summary>一个运行指标（由 Yibao 自身业务数据计算）：编号、中文名称、单位、口径。</summary>
public sealed record MetricDefinition(string Id, string Name, string Unit, string Area, string HowComputed);

/// <summary>目前无法由本系统数据得出的指标及原因（绑定时拒绝，文档中说明）。</summary>
public sealed record UnavailableMetric(string Id, string Name, string Reason);

/// <summary>
/// 运行指标目录（数据，docs/performance.md 逐项说明）。期间为预算年度 1 月 1 日至截止日（不晚于 12 月 31 日），
/// 时点指标取期末日。
/// </summary>
public static class MetricCatalog
{
    public const string EnrolledBasic = "enrolled-basic";
    public const string EnrolledEmployee = "enrolled-310";
    public const string EnrolledResident = "enrolled-390";
    public const string CoverageRate = "coverage-rate";
    public const string ResidentPaidPersons = "resident-paid-persons";
    public const string ResidentPaidAmount = "resident-paid-amount";
    public const string SponsoredPersons = "resident-sponsored-persons";
    public const string SponsoredAmount = "resident-sponsored-amount";
    public const string AssistanceCount = "assistance-count";
    public const string AssistanceAmount = "assistance-amount";
    public const string OneStopCount = "onestop-count";
    public const string OneStopAmount = "onestop-amount";
    public const string ActiveInstitutions = "institutions-active";

    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        new(EnrolledBasic, "基本医疗保险参保人数", "人", "参保登记", "期末日参保状态为正常参保（已开始、未终止、不在暂停期间）的职工基本医疗保险（310）或城乡居民基本医疗保险（390）参保人，按人去重"),
        new(EnrolledEmployee, "职工基本医疗保险参保人数", "人", "参保登记", "期末日参保状态为正常参保的 310 险种参保记录数"),
        new(EnrolledResident, "城乡居民基本医疗保险参保人数", "人", "参保登记", "期末日参保状态为正常参保的 390 险种参保记录数"),
        new(CoverageRate, "基本医疗保险参保率", "%", "参保登记", "基本医疗保险参保人数 ÷ 该年度人口基数（在“绩效管理”页录入，注明来源）× 100，保留两位小数；未录入人口基数时无值"),
        new(ResidentPaidPersons, "居民医保个人缴费到账人数", "人", "征缴", "缴费年度为预算年度、到账日期不晚于期末日的居民个人缴费记录（含医疗救助代缴）的人数"),
        new(ResidentPaidAmount, "居民医保个人缴费到账金额", "元", "征缴", "同上记录的个人应缴金额合计（本人实缴 + 医疗救助代缴）"),
        new(SponsoredPersons, "医疗救助代缴人数", "人", "征缴", "同上记录中代缴金额大于 0 的人数"),
        new(SponsoredAmount, "医疗救助代缴金额", "元", "征缴", "同上记录的代缴金额合计"),
        new(AssistanceCount, "医疗救助人次", "人次", "结算", "结算日期在期间内、未撤销、医疗救助基金支出（maf_pay）大于 0 的联网结算笔数"),
        new(AssistanceAmount, "医疗救助金额", "元", "结算", "同上结算的医疗救助基金支出（maf_pay）合计"),
        new(OneStopCount, "“一站式”结算人次", "人次", "结算", "结算日期在期间内、未撤销，且基本医保统筹（hifp_pay）与大病保险（hifmi_pay）或医疗救助（maf_pay）在同一笔结算中支付的笔数"),
        new(OneStopAmount, "“一站式”结算金额", "元", "结算", "同上结算的基本医保统筹、大病保险、医疗救助支出合计（hifp_pay + hifmi_pay + maf_pay）"),
        new(ActiveInstitutions, "定点医药机构数（协议状态正常）", "家", "定点医药机构", "协议状态为正常的定点医药机构数（取当前状态：系统尚不保存协议状态的历史）"),
    ];

    public static readonly IReadOnlyList<UnavailableMetric> Unavailable =
    [
        new("timely-payment", "待遇支付及时率", "联网结算在机构端即时完成，但对定点医药机构的拨付（基金财务）尚未记录申报日期与拨付日期，无法计算时限；请按手工指标录入并注明佐证"),
        new("inspection-coverage", "定点机构检查覆盖率", "基金监管（稽核检查）尚未在系统中登记，无法计算；请按手工指标录入并注明佐证"),
    ];

    public static MetricDefinition? Find(string? id) => All.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));
}

/// <summary>统计期间：预算年度 1 月 1 日至截止日（不晚于年末）。时点指标取 <see cref="End"/>。</summary>
public readonly record struct MetricPeriod(int Year, DateOnly Start, DateOnly End)
{
    public static MetricPeriod For(int year, DateOnly asOf)
    {
        var start = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var end = asOf > yearEnd ? yearEnd : asOf < start ? start : asOf;
        return new MetricPeriod(year, start, end);
    }
}

/// <summary>运行指标的纯计算部分与单位换算。</summary>
public static class MetricMath
{
    /// <summary>率（%）：count / baseline × 100，四舍五入两位；基数不为正时无值。</summary>
    public static decimal? Rate(decimal count, decimal? baseline) =>
        baseline is > 0 ? Math.Round(count / baseline.Value * 100m, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// 把指标值由运行指标的单位换算为绩效指标的单位（人→万人、人次→万人次、元→万元，家↔个）。
    /// 绩效指标未写单位时不换算；单位不相容时为 null。
    /// </summary>
    public static decimal? Convert(decimal value, string metricUnit, string? indicatorUnit)
    {
        var to = (indicatorUnit ?? "").Trim();
        if (to.Length == 0 || string.Equals(to, metricUnit, StringComparison.Ordinal))
        {
            return value;
        }
        if (to == "％" && metricUnit == "%")
        {
            return value;
        }
        if (to == "万" + metricUnit)
        {
            return Math.Round(value / 10000m, 4, MidpointRounding.AwayFromZero);
        }
        if ((metricUnit == "家" && to is "个" or "所") || (metricUnit == "人次" && to == "次"))
        {
            return value;
        }
        return null;
    }

    public static bool Compatible(string metricUnit, string? indicatorUnit) => Convert(1m, metricUnit, indicatorUnit) is not null;
}
