using Yibao.Domain.Common;

namespace Yibao.Domain.Registry;

/// <summary>单位类型.</summary>
public enum EmployerType
{
    /// <summary>企业.</summary>
    Enterprise = 1,
    /// <summary>机关.</summary>
    GovernmentOrgan = 2,
    /// <summary>事业单位.</summary>
    PublicInstitution = 3,
    /// <summary>社会团体.</summary>
    SocialOrganization = 4,
    /// <summary>个体工商户.</summary>
    IndividualBusiness = 5,
}

/// <summary>单位参保状态.</summary>
public enum EmployerStatus
{
    /// <summary>正常.</summary>
    Active = 1,
    /// <summary>暂停.</summary>
    Suspended = 2,
    /// <summary>注销.</summary>
    Closed = 3,
}

/// <summary>参保单位 (emp).</summary>
public class Employer
{
    public long Id { get; set; }

    /// <summary>单位编号 emp_no.</summary>
    public required string EmployerNo { get; set; }

    /// <summary>统一社会信用代码.</summary>
    public CreditCode CreditCode { get; set; }

    /// <summary>单位名称 emp_name.</summary>
    public required string Name { get; set; }

    public EmployerType Type { get; set; }

    public EmployerStatus Status { get; set; } = EmployerStatus.Active;

    /// <summary>统筹区.</summary>
    public required string PoolAreaCode { get; set; }

    public string? Address { get; set; }
}
