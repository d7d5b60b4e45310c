using Yibao.Domain.Funds;

namespace Yibao.Domain.Supervision;

/// <summary>检查计划: a period of settlements to inspect, a scope and the inspectors; one <see cref="Inspection"/> per institution.</summary>
public class InspectionPlan
{
    public long Id { get; set; }

    /// <summary>计划编号 (JH + year + sequence).</summary>
    public required string PlanNo { get; set; }

    public required string Title { get; set; }

    /// <summary>检查期间 (the settlements inspected).</summary>
    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    /// <summary>检查范围 (e.g. 住院费用、药品进销存).</summary>
    public required string Scope { get; set; }

    /// <summary>检查人员 (names, separated by 、).</summary>
    public required string Inspectors { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<Inspection> Inspections { get; set; } = [];
}

/// <summary>现场检查 of one institution under a plan.</summary>
public class Inspection
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public long InstitutionId { get; set; }

    /// <summary>检查日期 (null while only planned).</summary>
    public DateOnly? InspectedOn { get; set; }

    /// <summary>现场检查人员 (defaults to the plan's).</summary>
    public string? Inspectors { get; set; }

    /// <summary>检查结论.</summary>
    public string? Conclusion { get; set; }

    public List<InspectionFinding> Findings { get; set; } = [];
}

/// <summary>现场检查发现的问题, with the amount involved; a case may be opened from it.</summary>
public class InspectionFinding
{
    public long Id { get; set; }

    public long InspectionId { get; set; }

    /// <summary>序号 within the inspection.</summary>
    public int Seq { get; set; }

    public required string Description { get; set; }

    /// <summary>涉及金额 (元).</summary>
    public decimal Amount { get; set; }

    public FundCode Fund { get; set; }

    /// <summary>案件 opened from this finding.</summary>
    public long? CaseId { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// 证据材料: an uploaded file kept in the database (bytes, SHA-256, size, type) and attached to an inspection or a case.
/// Never changed; the hash is checked when the file is downloaded.
/// </summary>
public class EvidenceFile
{
    public long Id { get; set; }

    public long? InspectionId { get; set; }

    public long? CaseId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public string? Description { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }

    public const long MaxBytes = 10 * 1024 * 1024;
}

/// <summary>举报渠道.</summary>
public enum ComplaintChannel
{
    /// <summary>电话.</summary>
    Phone = 1,
    /// <summary>信件.</summary>
    Letter = 2,
    /// <summary>网络.</summary>
    Online = 3,
    /// <summary>来访.</summary>
    Visit = 4,
}

/// <summary>举报状态.</summary>
public enum ComplaintStatus
{
    /// <summary>已登记.</summary>
    Received = 1,
    /// <summary>已转案件.</summary>
    Linked = 2,
    /// <summary>不予受理.</summary>
    Rejected = 3,
}

/// <summary>举报投诉: intake, link to a case, 举报奖励 computed from the policy tiers on the case's 追回金额 and paid by 财务.</summary>
public class Complaint
{
    public long Id { get; set; }

    /// <summary>举报编号 (JB + year + sequence).</summary>
    public required string ComplaintNo { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public ComplaintChannel Channel { get; set; }

    /// <summary>举报人姓名 (null = 匿名).</summary>
    public string? ReporterName { get; set; }

    /// <summary>联系电话 (masked on screens).</summary>
    public string? ReporterPhone { get; set; }

    /// <summary>被举报定点医药机构.</summary>
    public long? InstitutionId { get; set; }

    public required string Content { get; set; }

    public ComplaintStatus Status { get; set; } = ComplaintStatus.Received;

    public long? CaseId { get; set; }

    public string? RejectReason { get; set; }

    /// <summary>奖励金额 (computed from the policy when granted).</summary>
    public decimal? RewardAmount { get; set; }

    /// <summary>奖励依据的查实金额.</summary>
    public decimal? RewardBase { get; set; }

    public DateOnly? RewardGrantedOn { get; set; }

    public DateOnly? RewardPaidOn { get; set; }

    public long? RewardEntryId { get; set; }

    public FundCode? RewardFund { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public static string ChannelName(ComplaintChannel c) => c switch
    {
        ComplaintChannel.Phone => "电话",
        ComplaintChannel.Letter => "信件",
        ComplaintChannel.Online => "网络",
        ComplaintChannel.Visit => "来访",
        _ => c.ToString(),
    };

    public static string StatusName(ComplaintStatus s) => s switch
    {
        ComplaintStatus.Received => "已登记",
        ComplaintStatus.Linked => "已转案件",
        ComplaintStatus.Rejected => "不予受理",
        _ => s.ToString(),
    };
}
