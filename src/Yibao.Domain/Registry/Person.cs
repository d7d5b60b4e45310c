using Yibao.Domain.Common;

namespace Yibao.Domain.Registry;

/// <summary>人员 (psn): identity of an insured or insurable person.</summary>
public class Person
{
    public long Id { get; set; }

    /// <summary>人员编号 psn_no.</summary>
    public required string PersonNo { get; set; }

    /// <summary>证件号码 certno (公民身份号码).</summary>
    public ResidentId ResidentId { get; set; }

    /// <summary>姓名 psn_name.</summary>
    public required string Name { get; set; }

    /// <summary>性别 gend, derived from the ID number.</summary>
    public Gender Gender { get; set; }

    /// <summary>出生日期 brdy, derived from the ID number.</summary>
    public DateOnly BirthDate { get; set; }

    public long? HouseholdId { get; set; }

    /// <summary>Village of residence (12-digit 统计用区划代码).</summary>
    public string? AreaCode { get; set; }

    /// <summary>统筹区 insuplc_admdvs.</summary>
    public required string PoolAreaCode { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    /// <summary>
    /// 参保信息版本: raised by every change of the person's enrollments or special statuses and checked when saving
    /// (optimistic concurrency), so two changes decided on the same coverage cannot both be saved (e.g. two overlapping
    /// enrollments registered at the same moment).
    /// </summary>
    public int CoverageVersion { get; set; }

    /// <summary>Builds a person whose gender and birth date come from the ID number.</summary>
    public static Person FromResidentId(ResidentId id, string personNo, string name, string poolAreaCode) => new()
    {
        ResidentId = id,
        PersonNo = personNo,
        Name = name,
        Gender = id.Gender,
        BirthDate = id.BirthDate,
        PoolAreaCode = poolAreaCode,
    };
}
