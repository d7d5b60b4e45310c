using Yibao.Domain.Common;

namespace Yibao.Domain.Contributions;

/// <summary>职工医保缴费标准 for one 统筹区 and year (policy data): base floor/ceiling from the average wage, rates.</summary>
public sealed record EmployeeContributionPolicy(
    string PoolAreaCode,
    int Year,
    decimal AverageMonthlyWage,
    decimal FloorRatio,
    decimal CeilingRatio,
    decimal EmployerRate,
    decimal EmployeeRate)
{
    /// <summary>缴费基数下限 (e.g. 60% of the average wage), rounded to 元 per 分 rule.</summary>
    public decimal Floor => decimal.Round(AverageMonthlyWage * FloorRatio, 2, MidpointRounding.AwayFromZero);

    /// <summary>缴费基数上限 (e.g. 300%).</summary>
    public decimal Ceiling => decimal.Round(AverageMonthlyWage * CeilingRatio, 2, MidpointRounding.AwayFromZero);

    /// <summary>缴费基数申报审核: refuses a declared base outside the floor/ceiling with a message naming both.</summary>
    public decimal CheckBase(decimal declared)
    {
        if (declared < Floor || declared > Ceiling)
        {
            throw new DomainException($"缴费基数：{declared:0.00} 元超出 {Year} 年核定范围 {Floor:0.00}–{Ceiling:0.00} 元（社平工资的 {FloorRatio:P0}–{CeilingRatio:P0}）")
            { Field = "clct_base", Code = "base-out-of-range" };
        }

        return declared;
    }

    /// <summary>Monthly amounts for a base: (employer, employee), each rounded to 分 (四舍五入).</summary>
    public (decimal Employer, decimal Employee) MonthlyAmounts(decimal @base) =>
        (decimal.Round(@base * EmployerRate, 2, MidpointRounding.AwayFromZero), decimal.Round(@base * EmployeeRate, 2, MidpointRounding.AwayFromZero));
}
