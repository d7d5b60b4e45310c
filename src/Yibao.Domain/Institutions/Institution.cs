namespace Yibao.Domain.Institutions;

/// <summary>定点医药机构类型.</summary>
public enum InstitutionType
{
    /// <summary>医院.</summary>
    Hospital = 1,
    /// <summary>基层医疗机构 (乡镇卫生院、社区卫生服务中心).</summary>
    PrimaryCare = 2,
    /// <summary>村卫生室.</summary>
    VillageClinic = 3,
    /// <summary>零售药店.</summary>
    Pharmacy = 4,
}

/// <summary>医疗机构等级 (hosp_lv).</summary>
public enum InstitutionLevel
{
    /// <summary>未定级.</summary>
    Unrated = 0,
    /// <summary>一级.</summary>
    First = 1,
    /// <summary>二级.</summary>
    Second = 2,
    /// <summary>三级.</summary>
    Third = 3,
}

/// <summary>协议状态.</summary>
public enum AgreementStatus
{
    /// <summary>正常.</summary>
    Active = 1,
    /// <summary>暂停.</summary>
    Suspended = 2,
    /// <summary>解除.</summary>
    Terminated = 3,
}

/// <summary>定点医药机构 (fixmedins).</summary>
public class Institution
{
    public long Id { get; set; }

    /// <summary>定点医药机构编号 fixmedins_code.</summary>
    public required string Code { get; set; }

    /// <summary>定点医药机构名称 fixmedins_name.</summary>
    public required string Name { get; set; }

    public InstitutionType Type { get; set; }

    public InstitutionLevel Level { get; set; }

    public AgreementStatus Status { get; set; } = AgreementStatus.Active;

    /// <summary>统筹区.</summary>
    public required string PoolAreaCode { get; set; }

    /// <summary>Township or village where it is (统计用区划代码).</summary>
    public string? AreaCode { get; set; }

    public string? Address { get; set; }

    /// <summary>协议开始日期.</summary>
    public DateOnly? AgreementStart { get; set; }

    /// <summary>协议结束日期.</summary>
    public DateOnly? AgreementEnd { get; set; }

    /// <summary>暂停/解除原因 (required when the status is not 正常).</summary>
    public string? StatusReason { get; set; }
}
