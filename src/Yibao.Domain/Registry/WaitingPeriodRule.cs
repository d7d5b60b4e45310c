namespace Yibao.Domain.Registry;

/// <summary>
/// 待遇享受期规则 (policy data, effective-dated per 统筹区 and 险种): when benefits start after the first contribution
/// and after an interruption. Example (居民医保): contributions paid before the coverage begins (集中征缴期) → benefits
/// from the begin date; paid later → after a waiting period of N months; an interruption longer than the grace
/// months → a waiting period of M months after resuming; 特困/低保/脱贫人口 and newborns are exempt.
/// </summary>
public class WaitingPeriodRule
{
    public long Id { get; set; }

    /// <summary>统筹区.</summary>
    public required string PoolAreaCode { get; set; }

    /// <summary>险种 insutype.</summary>
    public InsuranceType InsuranceType { get; set; }

    /// <summary>生效日期 (inclusive).</summary>
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>失效日期 (inclusive); null = open.</summary>
    public DateOnly? EffectiveTo { get; set; }

    /// <summary>Benefits need a recorded first contribution (false for 离休、公务员补助 paid by the budget).</summary>
    public bool RequiresContribution { get; set; } = true;

    /// <summary>等待期（月）when the first contribution is received after the begin date.</summary>
    public int WaitingMonthsAfterLateFirstContribution { get; set; }

    /// <summary>等待期（月）after an interruption longer than <see cref="InterruptionGraceMonths"/>.</summary>
    public int WaitingMonthsAfterInterruption { get; set; }

    /// <summary>Interruptions of up to this many months need no waiting period (补缴 allowed).</summary>
    public int InterruptionGraceMonths { get; set; }

    /// <summary>Special statuses without any waiting period.</summary>
    public List<SpecialStatusType> ExemptStatuses { get; set; } = [];

    /// <summary>Categories without any waiting period (e.g. 学生/儿童 for newborns).</summary>
    public List<PersonCategory> ExemptCategories { get; set; } = [];

    public bool AppliesOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>The waiting-period rules of one or more 统筹区, looked up by 险种 and date.</summary>
public sealed class WaitingPolicy
{
    private readonly Dictionary<(string Pool, InsuranceType Type), WaitingPeriodRule[]> _rules;

    public WaitingPolicy(IEnumerable<WaitingPeriodRule> rules)
    {
        _rules = rules.GroupBy(r => (r.PoolAreaCode, r.InsuranceType))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.EffectiveFrom).ToArray());
    }

    public static WaitingPolicy None { get; } = new([]);

    /// <summary>The rule in force on a date, or null (no rule: benefits follow coverage).</summary>
    public WaitingPeriodRule? Find(string poolAreaCode, InsuranceType type, DateOnly date)
    {
        if (!_rules.TryGetValue((poolAreaCode, type), out var list))
        {
            return null;
        }

        foreach (var r in list)
        {
            if (r.AppliesOn(date))
            {
                return r;
            }
        }

        return null;
    }
}
