using System.Text.Json;

namespace Yibao.Domain.Review;

/// <summary>
/// 审核规则 as stored (table review_rules): one row per rule with the attributes of docs/formats/review-rules.md; scope and
/// parameters as JSON in the rule-set format. Every change increments <see cref="Version"/> and is audited (before/after).
/// </summary>
public class StoredReviewRule
{
    public long Id { get; set; }

    /// <summary>规则编号 (unique).</summary>
    public required string RuleCode { get; set; }

    public required string Name { get; set; }

    public ReviewRuleType Type { get; set; }

    public ReviewResultType Result { get; set; }

    public ReviewWindow Window { get; set; }

    public int? WindowDays { get; set; }

    /// <summary>适用范围 (JSON object as in the rule-set file).</summary>
    public required string ScopeJson { get; set; }

    /// <summary>审核环节 (flags: 1 事前, 2 事中, 4 事后).</summary>
    public ReviewStage Stages { get; set; }

    public DateOnly? EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public ReviewRuleStatus Status { get; set; }

    /// <summary>参数 (JSON object as in the rule-set file).</summary>
    public required string ParametersJson { get; set; }

    /// <summary>版本: 1 when created, +1 on every change.</summary>
    public int Version { get; set; } = 1;

    /// <summary>规则集编号 the rule was imported from, if any.</summary>
    public string? RuleSetId { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public ReviewRule ToRule() => new()
    {
        Id = RuleCode,
        Name = Name,
        Type = Type,
        Result = Result,
        Window = Window,
        WindowDays = WindowDays,
        Scope = JsonSerializer.Deserialize<ReviewScope>(ScopeJson, ReviewRuleJson.Options) ?? new ReviewScope(),
        Stages = [.. new[] { ReviewStage.Pre, ReviewStage.During, ReviewStage.Post }.Where(s => (Stages & s) != 0)],
        EffectiveFrom = EffectiveFrom ?? DateOnly.MinValue,
        EffectiveTo = EffectiveTo ?? DateOnly.MaxValue,
        Status = Status,
        Parameters = JsonSerializer.Deserialize<ReviewParameters>(ParametersJson, ReviewRuleJson.Options) ?? new ReviewParameters(),
    };

    /// <summary>Copies a (validated) rule into this row; returns whether anything changed.</summary>
    public bool SetFrom(ReviewRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var scope = JsonSerializer.Serialize(r.Scope, ReviewRuleJson.Options);
        var parameters = JsonSerializer.Serialize(r.Parameters, ReviewRuleJson.Options);
        DateOnly? from = r.EffectiveFrom == DateOnly.MinValue ? null : r.EffectiveFrom;
        DateOnly? to = r.EffectiveTo == DateOnly.MaxValue ? null : r.EffectiveTo;
        var changed = Name != r.Name || Type != r.Type || Result != r.Result || Window != r.Window || WindowDays != r.WindowDays
            || ScopeJson != scope || Stages != r.StageSet || EffectiveFrom != from || EffectiveTo != to || Status != r.Status
            || ParametersJson != parameters;
        Name = r.Name;
        Type = r.Type;
        Result = r.Result;
        Window = r.Window;
        WindowDays = r.WindowDays;
        ScopeJson = scope;
        Stages = r.StageSet;
        EffectiveFrom = from;
        EffectiveTo = to;
        Status = r.Status;
        ParametersJson = parameters;
        return changed;
    }
}

/// <summary>疑点状态.</summary>
public enum ReviewFlagStatus
{
    /// <summary>待审核.</summary>
    Pending = 1,
    /// <summary>已确认（扣款）.</summary>
    Accepted = 2,
    /// <summary>已剔除（不予扣款）.</summary>
    Dismissed = 3,
}

/// <summary>事后审核批次 (table review_runs): the period, the rules, what was read and found, and how long it took.</summary>
public class ReviewRun
{
    public long Id { get; set; }

    public DateOnly FromDate { get; set; }

    public DateOnly ToDate { get; set; }

    /// <summary>规则编号 of the rules evaluated (comma-separated).</summary>
    public required string RuleCodes { get; set; }

    public int RuleCount { get; set; }

    public int PersonCount { get; set; }

    public int EncounterCount { get; set; }

    public long LineCount { get; set; }

    public int FlagCount { get; set; }

    /// <summary>疑点金额合计 (元).</summary>
    public decimal FlagAmount { get; set; }

    /// <summary>明确 flags accepted automatically.</summary>
    public int AutoAccepted { get; set; }

    /// <summary>扣款合计 of the automatically accepted flags (元).</summary>
    public decimal AutoDeducted { get; set; }

    /// <summary>读取数据用时（秒）.</summary>
    public double ReadSeconds { get; set; }

    /// <summary>规则计算用时（秒）.</summary>
    public double EvaluateSeconds { get; set; }

    /// <summary>总用时（秒，含写入疑点）.</summary>
    public double TotalSeconds { get; set; }

    public DateTime StartedAt { get; set; }

    public required string StartedBy { get; set; }
}

/// <summary>
/// 审核疑点 (table review_flags) with its evidence: the rule, the parameter broken, the fee lines (fee_details ids), the
/// amount, the institution, person and encounter; then the decision (accepted → 扣款 journal entry, or dismissed with a reason).
/// </summary>
public class ReviewFlagRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public required string RuleCode { get; set; }

    public required string RuleName { get; set; }

    public ReviewRuleType RuleType { get; set; }

    public ReviewResultType Result { get; set; }

    /// <summary>定点医药机构.</summary>
    public long InstitutionId { get; set; }

    public long PersonId { get; set; }

    public long EncounterId { get; set; }

    /// <summary>险种 insutype of the encounter (decides the fund a deduction returns to).</summary>
    public required string Insutype { get; set; }

    /// <summary>First fee date of the evidence lines.</summary>
    public DateOnly FeeDate { get; set; }

    /// <summary>Evidence: fee_details ids, comma-separated, ascending.</summary>
    public required string LineIds { get; set; }

    public int LineCount { get; set; }

    /// <summary>疑点金额 (元).</summary>
    public decimal Amount { get; set; }

    /// <summary>违反的参数 (e.g. "max_quantity=4").</summary>
    public required string Parameter { get; set; }

    /// <summary>疑点说明.</summary>
    public required string Reason { get; set; }

    public ReviewFlagStatus Status { get; set; } = ReviewFlagStatus.Pending;

    /// <summary>剔除理由 (dismissed) or 确认意见 (accepted).</summary>
    public string? DecisionReason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>扣款 journal entry (accepted flags).</summary>
    public long? JournalEntryId { get; set; }
}

/// <summary>Chinese names of the stored review enums.</summary>
public static class ReviewRecordNames
{
    public static string ChineseName(this ReviewFlagStatus s) => s switch
    {
        ReviewFlagStatus.Pending => "待审核",
        ReviewFlagStatus.Accepted => "已确认扣款",
        ReviewFlagStatus.Dismissed => "已剔除",
        _ => "未知",
    };

    public static string ChineseName(this ReviewRuleStatus s) => s switch
    {
        ReviewRuleStatus.Draft => "草稿",
        ReviewRuleStatus.Enabled => "启用",
        ReviewRuleStatus.Disabled => "停用",
        _ => "未知",
    };

    public static string StageNames(this ReviewStage s) =>
        string.Join("、", new[] { (ReviewStage.Pre, "事前"), (ReviewStage.During, "事中"), (ReviewStage.Post, "事后") }.Where(x => (s & x.Item1) != 0).Select(x => x.Item2));
}
