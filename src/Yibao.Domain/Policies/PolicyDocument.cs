using System.Text.Json.Serialization;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Policies;

/// <summary>就医地 / 备案状态.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Place>))]
public enum Place
{
    /// <summary>本地.</summary>
    [JsonStringEnumMemberName("local")] Local = 1,
    /// <summary>异地已备案.</summary>
    [JsonStringEnumMemberName("filed")] Filed = 2,
    /// <summary>异地未备案.</summary>
    [JsonStringEnumMemberName("unfiled")] Unfiled = 3,
    /// <summary>转诊.</summary>
    [JsonStringEnumMemberName("referral")] Referral = 4,
}

/// <summary>起付线计算口径.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeductibleBasis>))]
public enum DeductibleBasis
{
    /// <summary>每次 (住院按次).</summary>
    [JsonStringEnumMemberName("per_visit")] PerVisit = 1,
    /// <summary>年度累计.</summary>
    [JsonStringEnumMemberName("per_year")] PerYear = 2,
}

/// <summary>分段口径: the band boundaries apply to this visit's amount or the year's cumulative amount.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BandBasis>))]
public enum BandBasis
{
    [JsonStringEnumMemberName("per_visit")] PerVisit = 1,
    [JsonStringEnumMemberName("per_year")] PerYear = 2,
}

/// <summary>Supplementary payment layers, in payment order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LayerKind>))]
public enum LayerKind
{
    /// <summary>离休人员医疗保障 据实支付 (oth_pay).</summary>
    [JsonStringEnumMemberName("retired_cadre")] RetiredCadre = 1,
    /// <summary>职工大额医疗费用补助 (hifob_pay).</summary>
    [JsonStringEnumMemberName("large_amount")] LargeAmount = 2,
    /// <summary>公务员医疗补助 (cvlserv_pay).</summary>
    [JsonStringEnumMemberName("civil_servant")] CivilServant = 3,
    /// <summary>伤残人员医疗保障 (hifdm_pay).</summary>
    [JsonStringEnumMemberName("disabled_veteran")] DisabledVeteran = 4,
    /// <summary>城乡居民大病保险 (hifmi_pay).</summary>
    [JsonStringEnumMemberName("critical_illness")] CriticalIllness = 5,
    /// <summary>医疗救助 (maf_pay).</summary>
    [JsonStringEnumMemberName("medical_assistance")] MedicalAssistance = 6,
}

/// <summary>What a layer pays on (its 计算基数).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LayerBasis>))]
public enum LayerBasis
{
    /// <summary>超过基本医保年度最高支付限额的政策范围内费用.</summary>
    [JsonStringEnumMemberName("over_basic_cap")] OverBasicCap = 1,
    /// <summary>政策范围内个人负担 (起付线 + 统筹内自付, after earlier layers).</summary>
    [JsonStringEnumMemberName("in_scope")] InScope = 2,
    /// <summary>政策范围内个人负担 + 乙类先行自付.</summary>
    [JsonStringEnumMemberName("in_scope_and_preselfpay")] InScopeAndPreselfpay = 3,
    /// <summary>目录内全部个人负担 (含乙类先行自付、超限价).</summary>
    [JsonStringEnumMemberName("catalog")] Catalog = 4,
    /// <summary>全部个人负担 (含全自费).</summary>
    [JsonStringEnumMemberName("all")] All = 5,
}

/// <summary>待遇政策参数集 — the root of a policy JSON file (docs/formats/policy.md).</summary>
public sealed class PolicyDocument
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>统筹区 行政区划代码.</summary>
    public string PoolArea { get; set; } = "";
    public string PoolAreaName { get; set; } = "";
    public int Version { get; set; } = 1;
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly EffectiveTo { get; set; }
    public List<PolicySource> Sources { get; set; } = [];
    public List<CodeName> PersonCategories { get; set; } = [];
    public List<CodeName> SpecialStatuses { get; set; } = [];
    public List<CodeName> ChronicDiseases { get; set; } = [];
    public List<SchemeDef> Schemes { get; set; } = [];
    public List<LayerDef> Layers { get; set; } = [];
    public List<AccountRule> Account { get; set; } = [];
    public List<CoverageRequirement> Coverage { get; set; } = [];
}

public sealed class PolicySource
{
    public string Title { get; set; } = "";
    public string? Url { get; set; }
    /// <summary>发布日期 as published (<c>yyyy-MM-dd</c>, <c>yyyy-MM</c> or <c>yyyy</c>); null when the page shows none.</summary>
    public string? Published { get; set; }
    /// <summary>What kind of page it is: <c>official</c> (政府/医保部门网站), <c>mirror</c> (copy of an official page), <c>third_party</c> (转载、问答、资讯站).</summary>
    public string? Kind { get; set; }
    public string? Note { get; set; }
}

public sealed class CodeName
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>基本医保方案: one cell-set of 险种 × 人员类别 × 就诊类型 (× 病种) × 机构等级 × 就医地.</summary>
public sealed class SchemeDef
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Insutype { get; set; } = "";
    /// <summary>null or empty = all categories.</summary>
    public List<string>? PersonCategories { get; set; }
    public VisitType VisitType { get; set; }
    /// <summary>门诊慢特病 only: disease codes; null = all declared diseases.</summary>
    public List<string>? Diseases { get; set; }
    /// <summary>机构等级 0–3; null = all.</summary>
    public List<int>? Levels { get; set; }
    /// <summary>null = all places.</summary>
    public List<Place>? Places { get; set; }
    public DeductibleDef? Deductible { get; set; }
    public BandBasis BandBasis { get; set; } = BandBasis.PerVisit;
    /// <summary>Accumulator key for per-year bands (default: scheme id).</summary>
    public string? BandGroup { get; set; }
    public List<BandDef> Bands { get; set; } = [];
    public List<CategoryAdjustment> Adjustments { get; set; } = [];
    /// <summary>年度最高支付限额; null = none.</summary>
    public decimal? AnnualCap { get; set; }
    /// <summary>Accumulator key shared by schemes with one annual cap (default: scheme id).</summary>
    public string? CapGroup { get; set; }
    /// <summary>定额支付 (e.g. 生育); when set, deductible and bands are not used.</summary>
    public decimal? FixedAmount { get; set; }
}

public sealed class DeductibleDef
{
    public decimal Amount { get; set; }
    public DeductibleBasis Basis { get; set; } = DeductibleBasis.PerVisit;
    /// <summary>Accumulator key (default: scheme id): schemes sharing it share the annual deductible and the visit count.</summary>
    public string? Group { get; set; }
    /// <summary>Factors for the 2nd, 3rd, … visit in the group this year; the last repeats.</summary>
    public List<decimal> SubsequentFactors { get; set; } = [];
    /// <summary>Reductions/exemptions by special status (factor 0 = 免起付线); the smallest matching factor applies.</summary>
    public List<StatusFactor> StatusFactors { get; set; } = [];
}

public sealed class StatusFactor
{
    public string Status { get; set; } = "";
    public decimal Factor { get; set; }
}

/// <summary>One band: [from, to) with a ratio; to null = open.</summary>
public sealed class BandDef
{
    public decimal From { get; set; }
    public decimal? To { get; set; }
    public decimal Ratio { get; set; }
}

/// <summary>Ratio bonus for person categories (e.g. 退休人员 +5 个百分点).</summary>
public sealed class CategoryAdjustment
{
    public List<string> Categories { get; set; } = [];
    public decimal RatioBonus { get; set; }
}

/// <summary>补充支付层: 大额、公务员、伤残、大病、救助、离休.</summary>
public sealed class LayerDef
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public LayerKind Kind { get; set; }
    /// <summary>The person must hold this 险种 (null = no requirement, e.g. 救助).</summary>
    public string? Insutype { get; set; }
    public List<VisitType>? VisitTypes { get; set; }
    public List<string>? PersonCategories { get; set; }
    /// <summary>The person must hold one of these statuses (null = no requirement).</summary>
    public List<string>? Statuses { get; set; }
    /// <summary>Within one group only the first eligible layer applies (e.g. 救助 by status).</summary>
    public string? ExclusiveGroup { get; set; }
    public LayerBasis Basis { get; set; } = LayerBasis.InScope;
    /// <summary>年度起付标准 on the cumulative basis; equals bands[0].from.</summary>
    public decimal Threshold { get; set; }
    /// <summary>Bands over the year's cumulative basis (absolute amounts).</summary>
    public List<BandDef> Bands { get; set; } = [];
    public decimal? AnnualCap { get; set; }
    public List<LayerAdjustment> Adjustments { get; set; } = [];
}

/// <summary>特殊人群倾斜: lower threshold, higher ratios, no cap.</summary>
public sealed class LayerAdjustment
{
    public List<string> Statuses { get; set; } = [];
    public decimal? ThresholdFactor { get; set; }
    public decimal RatioBonus { get; set; }
    public bool NoCap { get; set; }
}

/// <summary>个人账户可支付范围.</summary>
public sealed class AccountRule
{
    public string Insutype { get; set; } = "";
    public List<VisitType>? VisitTypes { get; set; }
    public bool PaysInScope { get; set; } = true;
    public bool PaysPreselfpay { get; set; } = true;
    public bool PaysOverlimit { get; set; }
    public bool PaysFullOwnpay { get; set; }
}

/// <summary>A set of combinations that must each be matched by exactly one scheme.</summary>
public sealed class CoverageRequirement
{
    public string Insutype { get; set; } = "";
    public List<string> PersonCategories { get; set; } = [];
    public List<VisitType> VisitTypes { get; set; } = [];
    public List<int> Levels { get; set; } = [0, 1, 2, 3];
    public List<Place> Places { get; set; } = [Place.Local, Place.Filed, Place.Unfiled, Place.Referral];
}
