using Yibao.Domain.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Domain.Catalogs;

/// <summary>先行自付比例 of an 乙类 item for one 统筹区 and period (empty area = national default).</summary>
public readonly record struct SelfPayRatioPeriod(string PoolArea, DateOnly From, DateOnly To, decimal Ratio);

/// <summary>Payment restrictions of a catalog item (限定支付范围).</summary>
public sealed record ItemRestrictions
{
    public static readonly ItemRestrictions None = new();

    /// <summary>限定性别.</summary>
    public Gender? Gender { get; init; }

    /// <summary>最小年龄 (inclusive).</summary>
    public int? MinAge { get; init; }

    /// <summary>最大年龄 (inclusive).</summary>
    public int? MaxAge { get; init; }

    /// <summary>最低医疗机构等级.</summary>
    public InstitutionLevel? MinInstitutionLevel { get; init; }

    /// <summary>限定就诊类型.</summary>
    public VisitTypeSet VisitTypes { get; init; } = VisitTypeSet.All;

    /// <summary>限定适应症: diagnosis code prefixes (ICD-10); empty = no restriction.</summary>
    public IReadOnlyList<string> DiagnosisPrefixes { get; init; } = [];

    /// <summary>每日最大数量.</summary>
    public decimal? MaxQuantityPerDay { get; init; }

    /// <summary>每次住院最大数量.</summary>
    public decimal? MaxQuantityPerStay { get; init; }

    public bool IsEmpty => Gender is null && MinAge is null && MaxAge is null && MinInstitutionLevel is null
        && VisitTypes == VisitTypeSet.All && DiagnosisPrefixes.Count == 0 && MaxQuantityPerDay is null && MaxQuantityPerStay is null;
}

/// <summary>医保目录条目 (drug, service or consumable).</summary>
public sealed record CatalogItem
{
    /// <summary>医保目录编码 hilist_code.</summary>
    public required string Code { get; init; }

    /// <summary>医保目录名称 hilist_name.</summary>
    public required string Name { get; init; }

    public required CatalogListType ListType { get; init; }

    /// <summary>计价单位 prcunt.</summary>
    public required string Unit { get; init; }

    public required PaymentCategory Category { get; init; }

    /// <summary>限价 / 支付标准 per unit (hilist_pric_uplmt_amt); null = none.</summary>
    public decimal? PriceCap { get; init; }

    public IReadOnlyList<SelfPayRatioPeriod> SelfPayRatios { get; init; } = [];

    public ItemRestrictions Restrictions { get; init; } = ItemRestrictions.None;

    /// <summary>
    /// 先行自付比例 on a date for a 统筹区: the area's own period wins over a national default (empty area);
    /// 甲类 and 丙类 have none (0).
    /// </summary>
    public decimal SelfPayRatio(string poolArea, DateOnly date)
    {
        if (Category != PaymentCategory.B)
        {
            return 0m;
        }

        decimal? national = null;
        var list = SelfPayRatios;
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            if (date < p.From || date > p.To)
            {
                continue;
            }

            if (string.Equals(p.PoolArea, poolArea, StringComparison.Ordinal))
            {
                return p.Ratio;
            }

            if (p.PoolArea.Length == 0)
            {
                national ??= p.Ratio;
            }
        }

        return national ?? 0m;
    }
}

/// <summary>诊断 (ICD-10 style).</summary>
public sealed record Diagnosis(string Code, string Name);
