using Yibao.Domain.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Domain.Catalogs;

/// <summary>
/// 医保目录条目 as stored (table catalog_items): one row per 医保目录编码, with its 先行自付比例 periods per 统筹区.
/// Removed items keep their row (<see cref="Removed"/>) so history and old settlements still resolve.
/// </summary>
public class CatalogEntry
{
    public long Id { get; set; }

    /// <summary>医保目录编码 hilist_code.</summary>
    public required string Code { get; set; }

    /// <summary>医保目录名称 hilist_name.</summary>
    public required string Name { get; set; }

    /// <summary>目录类别 list_type.</summary>
    public CatalogListType ListType { get; set; }

    /// <summary>计价单位 prcunt.</summary>
    public string Unit { get; set; } = "";

    /// <summary>收费项目等级 chrgitm_lv (甲/乙/丙).</summary>
    public PaymentCategory Category { get; set; }

    /// <summary>限价 / 支付标准 hilist_pric_uplmt_amt.</summary>
    public decimal? PriceCap { get; set; }

    /// <summary>限定性别 lmt_gend.</summary>
    public Gender? LimitGender { get; set; }

    public int? LimitAgeMin { get; set; }

    public int? LimitAgeMax { get; set; }

    /// <summary>最低医疗机构等级 lmt_hosp_lv.</summary>
    public InstitutionLevel? LimitHospitalLevel { get; set; }

    /// <summary>限定就诊类型 lmt_med_type (flags).</summary>
    public VisitTypeSet LimitVisitTypes { get; set; } = VisitTypeSet.All;

    /// <summary>限定适应症 lmt_dise: ICD-10 prefixes separated by ';'.</summary>
    public string LimitDiagnoses { get; set; } = "";

    public decimal? MaxQuantityPerDay { get; set; }

    public decimal? MaxQuantityPerStay { get; set; }

    /// <summary>已移出目录 (by a full import that no longer lists the code).</summary>
    public bool Removed { get; set; }

    /// <summary>The catalog version that last added or changed this row.</summary>
    public long VersionId { get; set; }

    public CatalogVersion? Version { get; set; }

    public List<CatalogSelfPayRatio> SelfPayRatios { get; set; } = [];

    /// <summary>The pure domain item, with the 先行自付比例 periods that match <paramref name="poolArea"/> (or all when null).</summary>
    public CatalogItem ToItem(string? poolArea = null)
    {
        var r = new ItemRestrictions
        {
            Gender = LimitGender,
            MinAge = LimitAgeMin,
            MaxAge = LimitAgeMax,
            MinInstitutionLevel = LimitHospitalLevel,
            VisitTypes = LimitVisitTypes,
            DiagnosisPrefixes = LimitDiagnoses.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            MaxQuantityPerDay = MaxQuantityPerDay,
            MaxQuantityPerStay = MaxQuantityPerStay,
        };
        return new CatalogItem
        {
            Code = Code,
            Name = Name,
            ListType = ListType,
            Unit = Unit,
            Category = Category,
            PriceCap = PriceCap,
            SelfPayRatios = SelfPayRatios
                .Where(p => poolArea is null || p.PoolArea.Length == 0 || string.Equals(p.PoolArea, poolArea, StringComparison.Ordinal))
                .OrderBy(p => p.PoolArea, StringComparer.Ordinal).ThenBy(p => p.From)
                .Select(p => new SelfPayRatioPeriod(p.PoolArea, p.From, p.To, p.Ratio)).ToArray(),
            Restrictions = r.IsEmpty ? ItemRestrictions.None : r,
        };
    }

    /// <summary>Copies the fields of a domain item (not the ratios).</summary>
    public void CopyFrom(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Name = item.Name;
        ListType = item.ListType;
        Unit = item.Unit;
        Category = item.Category;
        PriceCap = item.PriceCap;
        var r = item.Restrictions;
        LimitGender = r.Gender;
        LimitAgeMin = r.MinAge;
        LimitAgeMax = r.MaxAge;
        LimitHospitalLevel = r.MinInstitutionLevel;
        LimitVisitTypes = r.VisitTypes;
        LimitDiagnoses = string.Join(';', r.DiagnosisPrefixes);
        MaxQuantityPerDay = r.MaxQuantityPerDay;
        MaxQuantityPerStay = r.MaxQuantityPerStay;
    }

    public static CatalogEntry From(CatalogItem item, long versionId)
    {
        ArgumentNullException.ThrowIfNull(item);
        var e = new CatalogEntry { Code = item.Code, Name = item.Name, VersionId = versionId };
        e.CopyFrom(item);
        e.SelfPayRatios = item.SelfPayRatios.Select(p => new CatalogSelfPayRatio { PoolArea = p.PoolArea, From = p.From, To = p.To, Ratio = p.Ratio }).ToList();
        return e;
    }
}

/// <summary>先行自付比例 of an item for one 统筹区 (selfpay_prop_admdvs; empty = national) and period.</summary>
public class CatalogSelfPayRatio
{
    public long Id { get; set; }

    public long CatalogEntryId { get; set; }

    /// <summary>selfpay_prop_admdvs; "" = national default.</summary>
    public string PoolArea { get; set; } = "";

    /// <summary>begndate.</summary>
    public DateOnly From { get; set; }

    /// <summary>enddate.</summary>
    public DateOnly To { get; set; }

    /// <summary>selfpay_prop (0–1).</summary>
    public decimal Ratio { get; set; }
}

/// <summary>目录版本: one import (what changed, when, by whom).</summary>
public class CatalogVersion
{
    public long Id { get; set; }

    /// <summary>版本号, 1, 2, 3 ….</summary>
    public int Number { get; set; }

    /// <summary>来源文件名.</summary>
    public string FileName { get; set; } = "";

    /// <summary>导入方式: 增量 (only listed codes) or 全量 (unlisted codes are removed).</summary>
    public bool FullReplace { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Removed { get; set; }

    public int Unchanged { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public string ImportedBy { get; set; } = "";

    public string? Note { get; set; }
}

/// <summary>目录变更明细: one item's change in one version (新增/修改/移出), with a readable summary.</summary>
public class CatalogEntryChange
{
    public long Id { get; set; }

    public long VersionId { get; set; }

    public CatalogVersion? Version { get; set; }

    public required string Code { get; set; }

    /// <summary>新增 / 修改 / 移出.</summary>
    public required string ChangeType { get; set; }

    /// <summary>“字段：旧值 → 新值；…”.</summary>
    public string Summary { get; set; } = "";
}

/// <summary>诊断目录 (ICD-10 style), table diagnoses.</summary>
public class DiagnosisEntry
{
    public long Id { get; set; }

    /// <summary>diag_code.</summary>
    public required string Code { get; set; }

    /// <summary>diag_name.</summary>
    public required string Name { get; set; }
}

/// <summary>手术操作目录 (ICD-9-CM-3 style), table procedures.</summary>
public class ProcedureEntry
{
    public long Id { get; set; }

    /// <summary>oprn_oprt_code.</summary>
    public required string Code { get; set; }

    /// <summary>oprn_oprt_name.</summary>
    public required string Name { get; set; }
}
