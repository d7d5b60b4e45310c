using System.Globalization;
using Yibao.Domain.Common;

namespace Yibao.Domain.Contributions;

/// <summary>
/// 职工医保缴费标准 for one 统筹区 and year (policy data, stored and editable): base floor/ceiling from the average wage,
/// employer and employee rates, the 灵活就业 rate.
/// </summary>
public sealed class EmployeeContributionPolicy
{
    public EmployeeContributionPolicy()
    {
    }

    public EmployeeContributionPolicy(string poolAreaCode, int year, decimal averageMonthlyWage, decimal floorRatio, decimal ceilingRatio,
        decimal employerRate, decimal employeeRate, decimal flexibleRate = 0m)
    {
        PoolAreaCode = poolAreaCode;
        Year = year;
        AverageMonthlyWage = averageMonthlyWage;
        FloorRatio = floorRatio;
        CeilingRatio = ceilingRatio;
        EmployerRate = employerRate;
        EmployeeRate = employeeRate;
        FlexibleRate = flexibleRate;
    }

    public long Id { get; set; }

    /// <summary>统筹区 insuplc_admdvs.</summary>
    public string PoolAreaCode { get; set; } = "";

    /// <summary>缴费年度.</summary>
    public int Year { get; set; }

    /// <summary>上年度在岗职工月平均工资（社平工资）, 元.</summary>
    public decimal AverageMonthlyWage { get; set; }

    /// <summary>缴费基数下限比例 (e.g. 0.60).</summary>
    public decimal FloorRatio { get; set; }

    /// <summary>缴费基数上限比例 (e.g. 3.00).</summary>
    public decimal CeilingRatio { get; set; }

    /// <summary>单位缴费费率 (e.g. 0.08).</summary>
    public decimal EmployerRate { get; set; }

    /// <summary>个人缴费费率 (e.g. 0.02).</summary>
    public decimal EmployeeRate { get; set; }

    /// <summary>灵活就业人员缴费费率 (e.g. 0.10 of the chosen base).</summary>
    public decimal FlexibleRate { get; set; }

    /// <summary>个人账户划入比例: share of the employee's own monthly contribution credited to their personal account (default 1.00, the whole 2%).</summary>
    public decimal AccountShareOfEmployeeContribution { get; set; } = DefaultAccountShare;

    /// <summary>退休人员个人账户月划入定额, 元 (default 100.00).</summary>
    public decimal RetiredAccountMonthly { get; set; } = DefaultRetiredAccountMonthly;

    /// <summary>个人账户年利率 (计息, default 0.015).</summary>
    public decimal AccountInterestRate { get; set; } = DefaultAccountInterestRate;

    public const decimal DefaultAccountShare = 1.00m;
    public const decimal DefaultRetiredAccountMonthly = 100.00m;
    public const decimal DefaultAccountInterestRate = 0.015m;

    /// <summary>个人账户划入规则 of this policy.</summary>
    public Yibao.Domain.Accounts.AccountCreditRule AccountRule => new(AccountShareOfEmployeeContribution, RetiredAccountMonthly, AccountInterestRate);

    /// <summary>缴费基数下限 (e.g. 60% of the average wage), rounded to 分 (四舍五入).</summary>
    public decimal Floor => decimal.Round(AverageMonthlyWage * FloorRatio, 2, MidpointRounding.AwayFromZero);

    /// <summary>缴费基数上限 (e.g. 300%).</summary>
    public decimal Ceiling => decimal.Round(AverageMonthlyWage * CeilingRatio, 2, MidpointRounding.AwayFromZero);

    /// <summary>缴费基数申报审核: refuses a declared base outside the floor/ceiling with a message naming both.</summary>
    public decimal CheckBase(decimal declared)
    {
        if (declared < Floor || declared > Ceiling)
        {
            throw new DomainException(string.Create(CultureInfo.InvariantCulture,
                $"缴费基数：{declared:0.00} 元超出 {Year} 年核定范围 {Floor:0.00}–{Ceiling:0.00} 元（社平工资的 {FloorRatio * 100:0.##}%–{CeilingRatio * 100:0.##}%）"))
            { Field = "clct_base", Code = "base-out-of-range" };
        }

        return declared;
    }

    /// <summary>核定: a declared base below the floor is raised to it, above the ceiling lowered to it.</summary>
    public decimal ClampBase(decimal declared) => declared < Floor ? Floor : declared > Ceiling ? Ceiling : declared;

    /// <summary>Monthly amounts for a base: (employer, employee), each rounded to 分 (四舍五入).</summary>
    public (decimal Employer, decimal Employee) MonthlyAmounts(decimal @base) =>
        (decimal.Round(@base * EmployerRate, 2, MidpointRounding.AwayFromZero), decimal.Round(@base * EmployeeRate, 2, MidpointRounding.AwayFromZero));

    /// <summary>灵活就业 monthly amount for a base chosen within floor/ceiling (refused otherwise), rounded to 分.</summary>
    public decimal FlexibleMonthly(decimal chosenBase) =>
        decimal.Round(CheckBase(chosenBase) * FlexibleRate, 2, MidpointRounding.AwayFromZero);

    /// <summary>Checks the policy's own numbers; returns Chinese messages "字段：规则".</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var list = new List<(string, string)>();
        if (AverageMonthlyWage <= 0)
        {
            list.Add(("avg_wag", "社平工资：须大于 0"));
        }

        if (FloorRatio <= 0 || FloorRatio > 1)
        {
            list.Add(("floor_ratio", "基数下限比例：须大于 0 且不超过 100%"));
        }

        if (CeilingRatio < 1 || CeilingRatio > 10)
        {
            list.Add(("ceiling_ratio", "基数上限比例：须在 100%–1000% 之间"));
        }

        foreach (var (field, name, rate) in new[] { ("emp_rate", "单位费率", EmployerRate), ("psn_rate", "个人费率", EmployeeRate), ("flex_rate", "灵活就业费率", FlexibleRate) })
        {
            if (rate is < 0 or > 0.3m)
            {
                list.Add((field, $"{name}：须在 0–30% 之间"));
            }
        }

        if (AccountShareOfEmployeeContribution is < 0 or > 1)
        {
            list.Add(("acct_share", "个人账户划入比例：须在 0–100% 之间"));
        }

        if (RetiredAccountMonthly < 0 || decimal.Round(RetiredAccountMonthly, 2) != RetiredAccountMonthly)
        {
            list.Add(("retr_acct_amt", "退休人员月划入额：须为不小于 0 的金额，精确到分"));
        }

        if (AccountInterestRate is < 0 or > 0.2m)
        {
            list.Add(("acct_int_rate", "个人账户年利率：须在 0–20% 之间"));
        }

        return list;
    }
}
