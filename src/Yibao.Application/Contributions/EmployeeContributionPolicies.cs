using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Contributions;

namespace Yibao.Application.Contributions;

/// <summary>职工医保缴费标准 (policy data per 统筹区 and year): create or change one year's numbers.</summary>
public sealed record SaveEmployeeContributionPolicy(
    string PoolAreaCode, int Year, decimal AverageMonthlyWage, decimal FloorPercent, decimal CeilingPercent,
    decimal EmployerPercent, decimal EmployeePercent, decimal FlexiblePercent,
    decimal? AccountSharePercent = null, decimal? RetiredAccountMonthly = null, decimal? AccountInterestPercent = null);

public sealed class SaveEmployeeContributionPolicyValidator : AbstractValidator<SaveEmployeeContributionPolicy>
{
    public SaveEmployeeContributionPolicyValidator()
    {
        RuleFor(x => x.PoolAreaCode).Matches("^[0-9]{6}$").WithMessage("统筹区：须为 6 位行政区划代码").OverridePropertyName("insuplc_admdvs");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("缴费年度：须在 2000–2100 之间").OverridePropertyName("year");
        RuleFor(x => x.AverageMonthlyWage).GreaterThan(0).WithMessage("社平工资：须大于 0").OverridePropertyName("avg_wag");
        RuleFor(x => x.AverageMonthlyWage).Must(v => decimal.Round(v, 2) == v).WithMessage("社平工资：须精确到分").OverridePropertyName("avg_wag");
        RuleFor(x => x.FloorPercent).Must(v => v > 0 && v <= 100).WithMessage("基数下限比例：须大于 0% 且不超过 100%").OverridePropertyName("floor_ratio");
        RuleFor(x => x.CeilingPercent).InclusiveBetween(100, 1000).WithMessage("基数上限比例：须在 100%–1000% 之间").OverridePropertyName("ceiling_ratio");
        RuleFor(x => x.EmployerPercent).InclusiveBetween(0, 30).WithMessage("单位费率：须在 0%–30% 之间").OverridePropertyName("emp_rate");
        RuleFor(x => x.EmployeePercent).InclusiveBetween(0, 30).WithMessage("个人费率：须在 0%–30% 之间").OverridePropertyName("psn_rate");
        RuleFor(x => x.FlexiblePercent).InclusiveBetween(0, 30).WithMessage("灵活就业费率：须在 0%–30% 之间").OverridePropertyName("flex_rate");
        RuleFor(x => x.AccountSharePercent).InclusiveBetween(0, 100).WithMessage("个人账户划入比例：须在 0%–100% 之间").OverridePropertyName("acct_share");
        RuleFor(x => x.RetiredAccountMonthly).Must(v => v is null || (v >= 0 && decimal.Round(v.Value, 2) == v))
            .WithMessage("退休人员月划入额：须为不小于 0 的金额，精确到分").OverridePropertyName("retr_acct_amt");
        RuleFor(x => x.AccountInterestPercent).InclusiveBetween(0, 20).WithMessage("个人账户年利率：须在 0%–20% 之间").OverridePropertyName("acct_int_rate");
    }
}

public sealed class SaveEmployeeContributionPolicyHandler(IAppDbContext db)
{
    private static readonly SaveEmployeeContributionPolicyValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(SaveEmployeeContributionPolicy command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        if (!await db.Areas.AnyAsync(a => a.Code == command.PoolAreaCode, ct))
        {
            return AppResult<long>.Fail(new AppError("unknown-area", $"统筹区：{command.PoolAreaCode} 不是已登记的行政区划", "insuplc_admdvs"));
        }

        var policy = await db.EmployeeContributionPolicies.FirstOrDefaultAsync(p => p.PoolAreaCode == command.PoolAreaCode && p.Year == command.Year, ct);
        if (policy is null)
        {
            policy = new EmployeeContributionPolicy { PoolAreaCode = command.PoolAreaCode, Year = command.Year };
            db.EmployeeContributionPolicies.Add(policy);
        }

        policy.AverageMonthlyWage = command.AverageMonthlyWage;
        policy.FloorRatio = command.FloorPercent / 100m;
        policy.CeilingRatio = command.CeilingPercent / 100m;
        policy.EmployerRate = command.EmployerPercent / 100m;
        policy.EmployeeRate = command.EmployeePercent / 100m;
        policy.FlexibleRate = command.FlexiblePercent / 100m;
        if (command.AccountSharePercent is { } share)
        {
            policy.AccountShareOfEmployeeContribution = share / 100m;
        }

        if (command.RetiredAccountMonthly is { } retired)
        {
            policy.RetiredAccountMonthly = retired;
        }

        if (command.AccountInterestPercent is { } rate)
        {
            policy.AccountInterestRate = rate / 100m;
        }
        await db.SaveChangesAsync(ct);
        return AppResult<long>.Ok(policy.Id);
    }
}

/// <summary>The stored 缴费标准, newest year first.</summary>
public sealed class ListEmployeeContributionPoliciesHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<EmployeeContributionPolicy>> HandleAsync(CancellationToken ct = default) =>
        (await db.EmployeeContributionPolicies.AsNoTracking().ToListAsync(ct)).OrderByDescending(p => p.Year).ThenBy(p => p.PoolAreaCode, StringComparer.Ordinal).ToList();

    public Task<EmployeeContributionPolicy?> FindAsync(string poolAreaCode, int year, CancellationToken ct = default) =>
        db.EmployeeContributionPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.PoolAreaCode == poolAreaCode && p.Year == year, ct);
}
