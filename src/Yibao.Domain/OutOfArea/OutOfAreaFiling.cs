using Yibao.Domain.Policies;

namespace Yibao.Domain.OutOfArea;

/// <summary>备案类别.</summary>
public enum FilingType
{
    /// <summary>异地长期居住.</summary>
    LongTermResidence = 1,
    /// <summary>常驻异地工作.</summary>
    WorkingAway = 2,
    /// <summary>转诊转院.</summary>
    Referral = 3,
    /// <summary>临时外出就医.</summary>
    Temporary = 4,
}

/// <summary>备案状态.</summary>
public enum FilingStatus
{
    /// <summary>有效.</summary>
    Valid = 1,
    /// <summary>已撤销.</summary>
    Cancelled = 2,
}

/// <summary>
/// 异地就医备案: a person's filing to seek care outside the 统筹区 for a period. Cancellation (撤销) sets the status and
/// the reason; a filing is never deleted. A valid filing covering the visit date makes a non-local settlement use the
/// 异地已备案 branch (转诊 for 转诊转院).
/// </summary>
public class OutOfAreaFiling
{
    /// <summary>临时外出就医: validity at most this many months (a documented constant of the agency's rules).</summary>
    public const int TemporaryMaxMonths = 6;

    public long Id { get; set; }

    /// <summary>备案号.</summary>
    public required string FilingNo { get; set; }

    public long PersonId { get; set; }

    /// <summary>人员编号 psn_no.</summary>
    public required string PsnNo { get; set; }

    /// <summary>险种 insutype.</summary>
    public required string Insutype { get; set; }

    public FilingType Type { get; set; }

    /// <summary>参保地统筹区 insuplc_admdvs (the person's, at filing).</summary>
    public required string PoolAreaCode { get; set; }

    /// <summary>就医地医保区划 mdtrtarea_admdvs (6-digit province or city code).</summary>
    public required string DestinationCode { get; set; }

    /// <summary>就医地名称.</summary>
    public required string DestinationName { get; set; }

    /// <summary>转往定点医药机构编号 reflin_medins_no (optional).</summary>
    public string? DestinationHospitalCode { get; set; }

    /// <summary>转往定点医药机构名称 reflin_medins_name (optional).</summary>
    public string? DestinationHospitalName { get; set; }

    /// <summary>转出（转诊）医疗机构名称 (required for 转诊转院).</summary>
    public string? ReferringInstitution { get; set; }

    /// <summary>开始日期 begndate.</summary>
    public DateOnly BeginDate { get; set; }

    /// <summary>结束日期 enddate (null: until cancelled; required for 临时外出就医).</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>备案原因 / 转院原因 refl_reason.</summary>
    public required string Reason { get; set; }

    public FilingStatus Status { get; set; } = FilingStatus.Valid;

    public string? CancelReason { get; set; }

    public DateTime? CancelledAt { get; set; }

    public string? CancelledBy { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// 经办定点医药机构: the institution that filed through the national envelope (2501), null when filed at the agency's
    /// counter. An institution may cancel (2502) only the filings it filed itself.
    /// </summary>
    public long? FiledByInstitutionId { get; set; }

    /// <summary>Whether the filing is valid on <paramref name="date"/>.</summary>
    public bool Covers(DateOnly date) => Status == FilingStatus.Valid && BeginDate <= date && (EndDate is null || date <= EndDate);

    /// <summary>Whether two periods overlap (an open end runs forever).</summary>
    public static bool Overlaps(DateOnly begin1, DateOnly? end1, DateOnly begin2, DateOnly? end2) =>
        begin1 <= (end2 ?? DateOnly.MaxValue) && begin2 <= (end1 ?? DateOnly.MaxValue);

    /// <summary>The settlement branch a valid filing gives: 转诊 for 转诊转院, otherwise 异地已备案.</summary>
    public Place SettlementPlace => Type == FilingType.Referral ? Place.Referral : Place.Filed;

    public static string TypeName(FilingType t) => t switch
    {
        FilingType.LongTermResidence => "异地长期居住",
        FilingType.WorkingAway => "常驻异地工作",
        FilingType.Referral => "转诊转院",
        FilingType.Temporary => "临时外出就医",
        _ => "未知",
    };

    public static string StatusName(FilingStatus s) => s switch
    {
        FilingStatus.Valid => "有效",
        FilingStatus.Cancelled => "已撤销",
        _ => "未知",
    };
}
