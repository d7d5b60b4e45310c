namespace Yibao.Domain.Registry;

/// <summary>户: a household as registered with the 户籍 or the agency.</summary>
public class Household
{
    public long Id { get; set; }

    /// <summary>户号.</summary>
    public required string HouseholdNo { get; set; }

    /// <summary>Village (12-digit 统计用区划代码).</summary>
    public required string AreaCode { get; set; }

    /// <summary>统筹区 (6-digit 行政区划代码).</summary>
    public required string PoolAreaCode { get; set; }

    public string? Address { get; set; }
}
