using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>
/// 修改待遇享受期规则: corrects the numbers of a stored rule (waiting months, grace, exemptions); its 统筹区, 险种 and dates
/// stay (a change from a date on is a new rule, <see cref="SaveWaitingPeriodRule"/>). Eligibility is computed from the
/// rules, so the change applies to every query from now on.
/// </summary>
public sealed record UpdateWaitingPeriodRule(
    long Id,
    bool RequiresContribution,
    int WaitingMonthsAfterLateFirstContribution,
    int WaitingMonthsAfterInterruption,
    int InterruptionGraceMonths,
    IReadOnlyList<SpecialStatusType>? ExemptStatuses = null,
    IReadOnlyList<PersonCategory>? ExemptCategories = null);

public sealed class UpdateWaitingPeriodRuleValidator : AbstractValidator<UpdateWaitingPeriodRule>
{
    public UpdateWaitingPeriodRuleValidator()
    {
        RuleFor(x => x.WaitingMonthsAfterLateFirstContribution).InclusiveBetween(0, 24).WithMessage("首次缴费等待期：须在 0–24 个月之间").OverridePropertyName("late_months");
        RuleFor(x => x.WaitingMonthsAfterInterruption).InclusiveBetween(0, 24).WithMessage("中断后等待期：须在 0–24 个月之间").OverridePropertyName("interruption_months");
        RuleFor(x => x.InterruptionGraceMonths).InclusiveBetween(0, 24).WithMessage("中断宽限期：须在 0–24 个月之间").OverridePropertyName("grace_months");
    }
}

public sealed class UpdateWaitingPeriodRuleHandler(IAppDbContext db)
{
    private static readonly UpdateWaitingPeriodRuleValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(UpdateWaitingPeriodRule command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        var rule = await db.WaitingPeriodRules.FirstOrDefaultAsync(r => r.Id == command.Id, ct);
        if (rule is null)
        {
            return AppResult<long>.Fail(new AppError("rule-not-found", $"待遇享受期规则：未找到编号为 {command.Id} 的规则", "id"));
        }

        rule.RequiresContribution = command.RequiresContribution;
        rule.WaitingMonthsAfterLateFirstContribution = command.WaitingMonthsAfterLateFirstContribution;
        rule.WaitingMonthsAfterInterruption = command.WaitingMonthsAfterInterruption;
        rule.InterruptionGraceMonths = command.InterruptionGraceMonths;
        rule.ExemptStatuses = [.. (command.ExemptStatuses ?? []).Distinct().Order()];
        rule.ExemptCategories = [.. (command.ExemptCategories ?? []).Distinct().Order()];
        await db.SaveChangesAsync(ct);
        return AppResult<long>.Ok(rule.Id);
    }
}

/// <summary>The stored 待遇享受期 rules, by 统筹区, 险种 and newest first.</summary>
public sealed class ListWaitingPeriodRulesHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<WaitingPeriodRule>> HandleAsync(CancellationToken ct = default) =>
        (await db.WaitingPeriodRules.AsNoTracking().ToListAsync(ct))
            .OrderBy(r => r.PoolAreaCode, StringComparer.Ordinal).ThenBy(r => r.InsuranceType).ThenByDescending(r => r.EffectiveFrom).ToList();
}
