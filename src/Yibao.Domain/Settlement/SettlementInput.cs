using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Settlement;

/// <summary>参保人快照 on the settlement date.</summary>
public sealed class PersonSnapshot
{
    /// <summary>人员编号 psn_no.</summary>
    public required string PsnNo { get; init; }
    public string Name { get; init; } = "";
    /// <summary>险种 codes held (national: 310, 320, 330, 340, 390, 392, 510); the first one with a scheme is the basic one.</summary>
    public required IReadOnlyList<string> Insutypes { get; init; }
    /// <summary>人员类别 code (as declared in the policy).</summary>
    public required string Category { get; init; }
    /// <summary>特殊身份 codes (特困、低保、脱贫人口 …).</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public int Age { get; init; }
    public Gender Gender { get; init; } = Gender.Male;
    /// <summary>个人账户余额.</summary>
    public decimal AccountBalance { get; init; }
    /// <summary>
    /// 险种 of the personal account that pays (家庭共济: the owner's 职工 account, "310"), when it differs from the person's own
    /// 险种; the policy's account rule for that 险种 applies. Null: the rule of the person's own 险种.
    /// </summary>
    public string? AccountInsutype { get; init; }
}

/// <summary>就诊 (mdtrt).</summary>
public sealed class Encounter
{
    public required string Id { get; init; }
    public required VisitType VisitType { get; init; }
    public InstitutionLevel InstitutionLevel { get; init; } = InstitutionLevel.First;
    public Place Place { get; init; } = Place.Local;
    public required DateOnly AdmissionDate { get; init; }
    public DateOnly DischargeDate { get; init; }
    public IReadOnlyList<string> Diagnoses { get; init; } = [];
    /// <summary>门诊慢特病 病种 code.</summary>
    public string? ChronicDisease { get; init; }
    public string? InstitutionCode { get; init; }

    /// <summary>Days used for per-day quantity limits: 住院 = discharge − admission (at least 1), otherwise 1.</summary>
    public int Days => VisitType == VisitType.Inpatient
        ? Math.Max(1, DischargeDate.DayNumber - AdmissionDate.DayNumber)
        : 1;
}

/// <summary>费用明细 (feedetl): amount is authoritative; price and quantity drive 限价 and quantity limits.</summary>
public readonly record struct FeeLine(string ItemCode, decimal Quantity, decimal UnitPrice, decimal Amount, DateOnly Date = default);
