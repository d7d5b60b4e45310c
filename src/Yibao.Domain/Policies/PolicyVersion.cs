namespace Yibao.Domain.Policies;

/// <summary>参数集状态.</summary>
public enum PolicyStatus
{
    /// <summary>草稿: editable, not used by settlement.</summary>
    Draft = 1,
    /// <summary>生效: used by settlement within its period.</summary>
    Active = 2,
    /// <summary>停用: kept for recomputing old settlements.</summary>
    Retired = 3,
}

/// <summary>
/// 待遇政策参数集版本 (table policy_versions): one stored policy JSON per 统筹区 and period. Settlements store
/// <see cref="Id"/>, so a past settlement can be recomputed with exactly this document.
/// </summary>
public class PolicyVersion
{
    public long Id { get; set; }

    /// <summary>参数集编号 ($.id of the JSON), e.g. SFX-2025-01.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>统筹区 insuplc_admdvs.</summary>
    public required string PoolArea { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly EffectiveTo { get; set; }

    public PolicyStatus Status { get; set; } = PolicyStatus.Draft;

    /// <summary>The policy JSON (docs/formats/policy.md).</summary>
    public required string Json { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>The version this one was cloned from.</summary>
    public long? ClonedFromId { get; set; }

    public static string StatusName(PolicyStatus s) => s switch
    {
        PolicyStatus.Draft => "草稿",
        PolicyStatus.Active => "生效",
        PolicyStatus.Retired => "停用",
        _ => "未知",
    };
}
