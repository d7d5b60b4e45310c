namespace Yibao.Domain.Common;

/// <summary>行政区划层级 (GB/T 2260).</summary>
public enum AdminDivisionLevel
{
    /// <summary>省级 (省、自治区、直辖市、特别行政区): last four digits 0000.</summary>
    Province = 1,

    /// <summary>地级 (地级市、地区、自治州、盟，及直辖市的市辖区/县汇总码): last two digits 00.</summary>
    Prefecture = 2,

    /// <summary>县级 (市辖区、县级市、县、自治县、旗…).</summary>
    County = 3,
}
