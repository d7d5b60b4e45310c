using Yibao.Domain.Common;

namespace Yibao.Domain.Registry;

/// <summary>特殊人员身份 psn_idet_type (project codes).</summary>
public enum SpecialStatusType
{
    /// <summary>特困人员.</summary>
    Destitute = 1,
    /// <summary>低保对象.</summary>
    MinimumLiving = 2,
    /// <summary>脱贫人口.</summary>
    PovertyAlleviated = 3,
    /// <summary>防返贫监测对象.</summary>
    MonitoredAgainstPoverty = 4,
    /// <summary>离休干部.</summary>
    RetiredCadre = 5,
    /// <summary>二等乙级以上伤残军人.</summary>
    DisabledVeteran = 6,
    /// <summary>建国初期参加革命工作人员.</summary>
    EarlyRevolutionary = 7,
    /// <summary>公务员（公务员医疗补助）.</summary>
    CivilServant = 8,
}

/// <summary>A special status of a person with its effective dates and source (认定来源, e.g. 民政局、乡村振兴局).</summary>
public class PersonSpecialStatus
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>身份类型 psn_idet_type.</summary>
    public SpecialStatusType Type { get; set; }

    /// <summary>开始日期 begntime.</summary>
    public DateOnly BeginDate { get; set; }

    /// <summary>结束日期 endtime (inclusive); null while the status lasts.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>认定来源 (department or data exchange that certified it).</summary>
    public required string Source { get; set; }

    /// <summary>认定文号 / 批次号.</summary>
    public string? SourceReference { get; set; }

    public bool IsActiveOn(DateOnly date) => BeginDate <= date && (EndDate is null || date <= EndDate);

    /// <summary>Ends the status on <paramref name="endDate"/> (the last day it applies).</summary>
    public void End(DateOnly endDate)
    {
        if (EndDate is not null)
        {
            throw new DomainException($"特殊身份：{RegistryNames.Of(Type)}已于 {EndDate:yyyy-MM-dd} 结束，不能再次结束") { Field = "endtime", Code = "status-already-ended" };
        }

        if (endDate < BeginDate)
        {
            throw new DomainException($"结束日期：不能早于开始日期 {BeginDate:yyyy-MM-dd}") { Field = "endtime", Code = "end-before-begin" };
        }

        EndDate = endDate;
    }
}
