using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Review;

/// <summary>审核规则类型 (rule_type).</summary>
public enum ReviewRuleType
{
    /// <summary>限定性别.</summary>
    GenderLimit = 1,
    /// <summary>限定年龄.</summary>
    AgeLimit = 2,
    /// <summary>限定适应症.</summary>
    Indication = 3,
    /// <summary>限定医疗机构等级.</summary>
    InstitutionLevelLimit = 4,
    /// <summary>限定就诊类型.</summary>
    VisitTypeLimit = 5,
    /// <summary>单日限量.</summary>
    QuantityPerDay = 6,
    /// <summary>单次住院限量.</summary>
    QuantityPerStay = 7,
    /// <summary>限定频次 (within the rule's time window).</summary>
    Frequency = 8,
    /// <summary>疗程超长.</summary>
    CourseLength = 9,
    /// <summary>超限价.</summary>
    PriceCap = 10,
    /// <summary>重复收费 (same item, day, quantity and price charged more than once).</summary>
    DuplicateCharge = 11,
    /// <summary>项目包含 (A includes B: charging both is 重复收费).</summary>
    IncludedItem = 12,
    /// <summary>互斥项目.</summary>
    MutuallyExclusive = 13,
    /// <summary>缺少伴随项目.</summary>
    MissingCompanion = 14,
    /// <summary>按日收费项目超住院天数 (虚记).</summary>
    PerDayExcess = 15,
    /// <summary>分解住院.</summary>
    SplitAdmission = 16,
    /// <summary>挂床住院.</summary>
    BedBlocking = 17,
    /// <summary>超量开药.</summary>
    OverSupply = 18,
    /// <summary>死亡后结算.</summary>
    AfterDeath = 19,
    /// <summary>参保期外结算.</summary>
    OutsideCoverage = 20,
    /// <summary>同一时间两地就医.</summary>
    SimultaneousEncounters = 21,
}

/// <summary>结果类型: 明确 (deducted automatically) or 可疑 (goes to a reviewer).</summary>
public enum ReviewResultType
{
    /// <summary>明确.</summary>
    Definite = 1,
    /// <summary>可疑.</summary>
    Suspicious = 2,
}

/// <summary>时间窗口.</summary>
public enum ReviewWindow
{
    /// <summary>当次 (one encounter).</summary>
    Encounter = 1,
    /// <summary>单日.</summary>
    Day = 2,
    /// <summary>自然月.</summary>
    Month = 3,
    /// <summary>自然年.</summary>
    Year = 4,
    /// <summary>N 天 (rolling window of <see cref="ReviewRule.WindowDays"/> days ending on each charge day).</summary>
    Days = 5,
}

/// <summary>审核环节.</summary>
[Flags]
public enum ReviewStage
{
    None = 0,
    /// <summary>事前 (prescription / order time).</summary>
    Pre = 1,
    /// <summary>事中 (before settlement).</summary>
    During = 2,
    /// <summary>事后 (batch review of settled data).</summary>
    Post = 4,
}

/// <summary>规则状态.</summary>
public enum ReviewRuleStatus
{
    /// <summary>草稿.</summary>
    Draft = 1,
    /// <summary>启用.</summary>
    Enabled = 2,
    /// <summary>停用.</summary>
    Disabled = 3,
}

/// <summary>适用范围: empty list = all.</summary>
public sealed record ReviewScope
{
    /// <summary>险种 codes (310, 390 …).</summary>
    public IReadOnlyList<string> Insutypes { get; init; } = [];

    /// <summary>医疗机构等级 0–3 (0 未定级).</summary>
    public IReadOnlyList<int> InstitutionLevels { get; init; } = [];

    /// <summary>机构类型.</summary>
    public IReadOnlyList<Institutions.InstitutionType> InstitutionTypes { get; init; } = [];

    /// <summary>就诊类型.</summary>
    public IReadOnlyList<VisitType> VisitTypes { get; init; } = [];
}

/// <summary>
/// Rule parameters: one flat object; which fields a type needs is in docs/formats/review-rules.md and enforced
/// by <see cref="ReviewRuleValidator"/>.
/// </summary>
public sealed record ReviewParameters
{
    /// <summary>项目编码 (医保目录编码) the rule applies to.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>限定性别 (1 男, 2 女).</summary>
    public int? Gender { get; init; }

    public int? MinAge { get; init; }

    public int? MaxAge { get; init; }

    /// <summary>限定适应症: ICD-10 code prefixes.</summary>
    public IReadOnlyList<string> Diagnoses { get; init; } = [];

    /// <summary>最低医疗机构等级 1–3.</summary>
    public int? MinLevel { get; init; }

    /// <summary>允许的就诊类型.</summary>
    public IReadOnlyList<VisitType> VisitTypes { get; init; } = [];

    /// <summary>数量上限 (quantity_per_day, quantity_per_stay, frequency).</summary>
    public decimal? MaxQuantity { get; init; }

    /// <summary>天数上限 (course_length: days of a course; over_supply: days of supply in the window).</summary>
    public int? MaxDays { get; init; }

    /// <summary>限价 per unit.</summary>
    public decimal? MaxPrice { get; init; }

    /// <summary>被包含 / 互斥的项目 (included_item, mutually_exclusive).</summary>
    public IReadOnlyList<string> OtherItems { get; init; } = [];

    /// <summary>应伴随的项目 (missing_companion): at least one of them must be charged.</summary>
    public IReadOnlyList<string> CompanionItems { get; init; } = [];

    /// <summary>疗程: largest gap in days that still continues a course (default 1).</summary>
    public int? AllowedGapDays { get; init; }

    /// <summary>虚记: days allowed above the stay (default 0).</summary>
    public int? ExtraDays { get; init; }

    /// <summary>分解住院: readmission within this many days after discharge.</summary>
    public int? ReadmissionDays { get; init; }

    /// <summary>分解住院: main diagnoses are related when their first N characters agree (default 3).</summary>
    public int? DiagnosisPrefixLength { get; init; }

    /// <summary>分解住院: only at the same institution (default true).</summary>
    public bool? SameInstitution { get; init; }

    /// <summary>挂床住院: stay days without a charge of any item other than <see cref="Items"/> allowed (default 0).</summary>
    public int? MaxIdleDays { get; init; }
}

/// <summary>审核规则.</summary>
public sealed record ReviewRule
{
    /// <summary>规则编号.</summary>
    public required string Id { get; init; }

    /// <summary>规则名称.</summary>
    public required string Name { get; init; }

    public required ReviewRuleType Type { get; init; }

    public ReviewResultType Result { get; init; } = ReviewResultType.Suspicious;

    public ReviewWindow Window { get; init; } = ReviewWindow.Encounter;

    /// <summary>N for <see cref="ReviewWindow.Days"/>.</summary>
    public int? WindowDays { get; init; }

    public ReviewScope Scope { get; init; } = new();

    public IReadOnlyList<ReviewStage> Stages { get; init; } = [ReviewStage.During, ReviewStage.Post];

    public DateOnly EffectiveFrom { get; init; } = DateOnly.MinValue;

    public DateOnly EffectiveTo { get; init; } = DateOnly.MaxValue;

    public ReviewRuleStatus Status { get; init; } = ReviewRuleStatus.Draft;

    public ReviewParameters Parameters { get; init; } = new();

    public ReviewStage StageSet => Stages.Aggregate(ReviewStage.None, (a, s) => a | s);
}

/// <summary>审核规则集 (a file).</summary>
public sealed record ReviewRuleSet
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<ReviewRule> Rules { get; init; } = [];
}

/// <summary>Chinese names of the review enums.</summary>
public static class ReviewNames
{
    public static string ChineseName(this ReviewRuleType t) => t switch
    {
        ReviewRuleType.GenderLimit => "限定性别",
        ReviewRuleType.AgeLimit => "限定年龄",
        ReviewRuleType.Indication => "限定适应症",
        ReviewRuleType.InstitutionLevelLimit => "限定医疗机构等级",
        ReviewRuleType.VisitTypeLimit => "限定就诊类型",
        ReviewRuleType.QuantityPerDay => "单日限量",
        ReviewRuleType.QuantityPerStay => "单次住院限量",
        ReviewRuleType.Frequency => "限定频次",
        ReviewRuleType.CourseLength => "疗程超长",
        ReviewRuleType.PriceCap => "超限价",
        ReviewRuleType.DuplicateCharge => "重复收费",
        ReviewRuleType.IncludedItem => "项目包含重复收费",
        ReviewRuleType.MutuallyExclusive => "互斥项目",
        ReviewRuleType.MissingCompanion => "缺少伴随项目",
        ReviewRuleType.PerDayExcess => "按日收费超住院天数（虚记）",
        ReviewRuleType.SplitAdmission => "分解住院",
        ReviewRuleType.BedBlocking => "挂床住院",
        ReviewRuleType.OverSupply => "超量开药",
        ReviewRuleType.AfterDeath => "死亡后结算",
        ReviewRuleType.OutsideCoverage => "参保期外结算",
        ReviewRuleType.SimultaneousEncounters => "同一时间两地就医",
        _ => "未知",
    };

    public static string ChineseName(this ReviewResultType r) => r switch
    {
        ReviewResultType.Definite => "明确",
        ReviewResultType.Suspicious => "可疑",
        _ => "未知",
    };

    public static string ChineseName(this ReviewWindow w) => w switch
    {
        ReviewWindow.Encounter => "当次",
        ReviewWindow.Day => "单日",
        ReviewWindow.Month => "自然月",
        ReviewWindow.Year => "自然年",
        ReviewWindow.Days => "N 天",
        _ => "未知",
    };
}
