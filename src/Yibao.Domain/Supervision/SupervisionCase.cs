using Yibao.Domain.Common;
using Yibao.Domain.Funds;

namespace Yibao.Domain.Supervision;

/// <summary>线索来源.</summary>
public enum CaseSourceType
{
    /// <summary>现场检查发现的问题 (SourceRef = 检查编号/问题序号).</summary>
    InspectionFinding = 1,
    /// <summary>举报投诉 (SourceRef = 举报编号).</summary>
    Complaint = 2,
    /// <summary>手工录入 (SourceRef = 来文号等).</summary>
    Manual = 3,
    /// <summary>智能审核疑点 (SourceRef = 疑点编号; the review queue opens cases through this seam).</summary>
    ReviewFlag = 4,
}

/// <summary>案件状态: 线索 → 立案 → 调查 → 处理决定 → 结案; a 线索 may be 不予立案, an investigation may end 查无违规 (结案 without a decision).</summary>
public enum CaseStatus
{
    /// <summary>线索.</summary>
    Lead = 1,
    /// <summary>已立案.</summary>
    Filed = 2,
    /// <summary>调查中.</summary>
    Investigating = 3,
    /// <summary>已作出处理决定.</summary>
    Decided = 4,
    /// <summary>已结案.</summary>
    Closed = 5,
    /// <summary>不予立案.</summary>
    Dismissed = 6,
}

/// <summary>案件操作.</summary>
public enum CaseAction
{
    /// <summary>立案.</summary>
    File = 1,
    /// <summary>不予立案.</summary>
    Dismiss = 2,
    /// <summary>开始调查.</summary>
    Investigate = 3,
    /// <summary>处理决定.</summary>
    Decide = 4,
    /// <summary>结案.</summary>
    Close = 5,
}

/// <summary>稽核案件 (from a 线索 to 结案). Every step is a <see cref="CaseStep"/> with date, person and reason.</summary>
public class SupervisionCase
{
    public long Id { get; set; }

    /// <summary>案件编号 (JC + year + sequence).</summary>
    public required string CaseNo { get; set; }

    public long InstitutionId { get; set; }

    public CaseSourceType SourceType { get; set; }

    /// <summary>来源编号: 检查编号-问题序号, 举报编号, 来文号, or the review flag id.</summary>
    public required string SourceRef { get; set; }

    /// <summary>案由.</summary>
    public required string Summary { get; set; }

    /// <summary>涉及基金 (where 追回 and 违约金 are posted).</summary>
    public FundCode Fund { get; set; }

    /// <summary>线索金额 (estimated amount at intake, 元).</summary>
    public decimal LeadAmount { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.Lead;

    /// <summary>线索登记日期.</summary>
    public DateOnly ReceivedOn { get; set; }

    public DateOnly? FiledOn { get; set; }

    public DateOnly? DecidedOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    /// <summary>处理决定书文号.</summary>
    public string? DecisionNo { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<CaseStep> Steps { get; set; } = [];

    public List<CaseOutcome> Outcomes { get; set; } = [];
}

/// <summary>案件处理步骤 (append-only).</summary>
public class CaseStep
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public CaseAction Action { get; set; }

    public CaseStatus FromStatus { get; set; }

    public CaseStatus ToStatus { get; set; }

    /// <summary>办理日期.</summary>
    public DateOnly StepDate { get; set; }

    /// <summary>经办人.</summary>
    public required string StepBy { get; set; }

    /// <summary>理由/意见.</summary>
    public required string Reason { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>处理结果种类.</summary>
public enum OutcomeKind
{
    /// <summary>追回医保基金.</summary>
    Recovery = 1,
    /// <summary>违约金.</summary>
    Penalty = 2,
    /// <summary>暂停定点医药机构协议.</summary>
    InstitutionSuspension = 3,
    /// <summary>暂停医保医师（药师）服务资格.</summary>
    PractitionerSuspension = 4,
}

/// <summary>处理结果: money outcomes carry the receivable entry and, once 财务 records it, the payment entry.</summary>
public class CaseOutcome
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public OutcomeKind Kind { get; set; }

    public FundCode Fund { get; set; }

    /// <summary>金额 (元): 追回金额 or 违约金; 0 for suspensions.</summary>
    public decimal Amount { get; set; }

    /// <summary>违约金倍数 (Penalty only).</summary>
    public decimal? Multiple { get; set; }

    /// <summary>暂停开始/结束日期 (suspensions).</summary>
    public DateOnly? FromDate { get; set; }

    public DateOnly? ToDate { get; set; }

    /// <summary>医保医师/药师姓名与编码 (PractitionerSuspension).</summary>
    public string? PractitionerName { get; set; }

    public string? PractitionerCode { get; set; }

    /// <summary>应收挂账凭证.</summary>
    public long? ReceivableEntryId { get; set; }

    /// <summary>到账日期 and 到账凭证 (recorded by 财务).</summary>
    public DateOnly? PaidOn { get; set; }

    public long? PaymentEntryId { get; set; }

    public string? PaymentNo { get; set; }

    public string? PaidRecordedBy { get; set; }

    /// <summary>暂停解除 (institution suspension lifted early, at its end by the expiry job, or on appeal).</summary>
    public DateOnly? LiftedOn { get; set; }

    /// <summary>已缴金额: the sum of the <see cref="Payments"/> (部分缴纳 until it reaches <see cref="Amount"/>; then <see cref="PaidOn"/> is the settling date).</summary>
    public decimal PaidAmount { get; set; }

    /// <summary>申诉改判: the date the outcome was overturned on appeal (its entries reversed), the reason and the reversal entry.</summary>
    public DateOnly? ReversedOn { get; set; }

    public string? ReversalReason { get; set; }

    public long? ReversalEntryId { get; set; }

    /// <summary>缴款记录 (one per 缴款单).</summary>
    public List<OutcomePayment> Payments { get; set; } = [];

    public bool IsMoney => Kind is OutcomeKind.Recovery or OutcomeKind.Penalty;

    /// <summary>已缴: <see cref="PaidAmount"/>, or the whole amount once <see cref="PaidOn"/> is set (also for outcomes paid in one go before partial payments were recorded).</summary>
    public decimal Paid => PaidOn is not null ? Amount : PaidAmount;

    /// <summary>未缴金额 (0 once paid in full or overturned).</summary>
    public decimal Outstanding => IsMoney && ReversedOn is null ? Amount - Paid : 0m;

    /// <summary>缴纳状态: 待缴 / 部分缴纳 / 已缴清 / 已撤销（申诉改判）; empty for suspensions.</summary>
    public string PaymentStatus => !IsMoney ? "" : ReversedOn is not null ? "已撤销（申诉改判）" : Paid <= 0 ? "待缴" : Paid < Amount ? "部分缴纳" : "已缴清";
}

/// <summary>缴款记录: one payment of a 追回 or 违约金 (Dr 1002 / Cr 1205 with the institution); several until the outcome is settled.</summary>
public class OutcomePayment
{
    public long Id { get; set; }

    public long OutcomeId { get; set; }

    /// <summary>到账日期.</summary>
    public DateOnly PaidOn { get; set; }

    public decimal Amount { get; set; }

    /// <summary>缴款单号 (unique).</summary>
    public required string PaymentNo { get; set; }

    public long JournalEntryId { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>The case state machine: which action is allowed from which status, with the Chinese refusal otherwise.</summary>
public static class CaseWorkflow
{
    public static CaseStatus? Target(CaseStatus from, CaseAction action) => (from, action) switch
    {
        (CaseStatus.Lead, CaseAction.File) => CaseStatus.Filed,
        (CaseStatus.Lead, CaseAction.Dismiss) => CaseStatus.Dismissed,
        (CaseStatus.Filed, CaseAction.Investigate) => CaseStatus.Investigating,
        (CaseStatus.Investigating, CaseAction.Decide) => CaseStatus.Decided,
        (CaseStatus.Investigating, CaseAction.Close) => CaseStatus.Closed,
        (CaseStatus.Decided, CaseAction.Close) => CaseStatus.Closed,
        _ => null,
    };

    /// <summary>Applies an action: checks the transition, the date and the reason, appends the step and sets the dates.</summary>
    public static CaseStep Apply(SupervisionCase c, CaseAction action, DateOnly date, string by, string reason, DateTime now)
    {
        if (Target(c.Status, action) is not { } to)
        {
            throw new DomainException($"{ActionName(action)}：案件当前状态为“{StatusName(c.Status)}”，不能{ActionName(action)}（{Allowed(c.Status)}）")
            { Field = "action", Code = "invalid-case-transition" };
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException($"{ReasonLabel(action)}：不能为空") { Field = "reason", Code = "reason-required" };
        }

        var last = c.Steps.Count == 0 ? c.ReceivedOn : c.Steps.Max(s => s.StepDate);
        if (date < last)
        {
            throw new DomainException($"办理日期：不能早于上一步的日期 {last:yyyy-MM-dd}") { Field = "date", Code = "date-before-previous-step" };
        }

        if (action == CaseAction.Close && c.Outcomes.Any(o => o.Outstanding > 0))
        {
            throw new DomainException("结案：追回款或违约金尚未全部到账，不能结案（请财务登记到账）") { Field = "action", Code = "outcomes-unpaid" };
        }

        var step = new CaseStep { Action = action, FromStatus = c.Status, ToStatus = to, StepDate = date, StepBy = by, Reason = reason.Trim(), CreatedAt = now };
        c.Steps.Add(step);
        c.Status = to;
        switch (to)
        {
            case CaseStatus.Filed:
                c.FiledOn = date;
                break;
            case CaseStatus.Decided:
                c.DecidedOn = date;
                break;
            case CaseStatus.Closed or CaseStatus.Dismissed:
                c.ClosedOn = date;
                break;
            case CaseStatus.Lead or CaseStatus.Investigating:
                break;
        }

        return step;
    }

    private static string Allowed(CaseStatus s)
    {
        var actions = Enum.GetValues<CaseAction>().Where(a => Target(s, a) is not null).Select(ActionName).ToList();
        return actions.Count == 0 ? "案件已办结，不能再办理" : "当前可办理：" + string.Join("、", actions);
    }

    private static string ReasonLabel(CaseAction a) => a switch
    {
        CaseAction.File => "立案理由",
        CaseAction.Dismiss => "不予立案理由",
        CaseAction.Investigate => "调查安排",
        CaseAction.Decide => "处理决定理由",
        CaseAction.Close => "结案意见",
        _ => "理由",
    };

    public static string ActionName(CaseAction a) => a switch
    {
        CaseAction.File => "立案",
        CaseAction.Dismiss => "不予立案",
        CaseAction.Investigate => "开始调查",
        CaseAction.Decide => "处理决定",
        CaseAction.Close => "结案",
        _ => a.ToString(),
    };

    public static string StatusName(CaseStatus s) => s switch
    {
        CaseStatus.Lead => "线索",
        CaseStatus.Filed => "已立案",
        CaseStatus.Investigating => "调查中",
        CaseStatus.Decided => "已处理",
        CaseStatus.Closed => "已结案",
        CaseStatus.Dismissed => "不予立案",
        _ => s.ToString(),
    };

    public static string SourceName(CaseSourceType s) => s switch
    {
        CaseSourceType.InspectionFinding => "现场检查",
        CaseSourceType.Complaint => "举报投诉",
        CaseSourceType.Manual => "手工录入",
        CaseSourceType.ReviewFlag => "智能审核疑点",
        _ => s.ToString(),
    };

    public static string OutcomeName(OutcomeKind k) => k switch
    {
        OutcomeKind.Recovery => "追回医保基金",
        OutcomeKind.Penalty => "违约金",
        OutcomeKind.InstitutionSuspension => "暂停协议",
        OutcomeKind.PractitionerSuspension => "暂停医保医师资格",
        _ => k.ToString(),
    };
}
