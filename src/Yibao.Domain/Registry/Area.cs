namespace Yibao.Domain.Registry;

/// <summary>区划级别.</summary>
public enum AreaLevel
{
    Province = 1,
    Prefecture = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

/// <summary>
/// 区划: a county (6-digit 行政区划代码), township (9-digit) or village (12-digit 统计用区划代码).
/// The county is the 统筹区 (pool area) of the demo deployment.
/// </summary>
public class Area
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public AreaLevel Level { get; set; }
    public string? ParentCode { get; set; }
}
