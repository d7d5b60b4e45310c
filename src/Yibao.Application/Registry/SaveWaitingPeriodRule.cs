using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>维护待遇享受期规则 (policy data): adds a rule for a 统筹区 and 险种 from a date, closing the previous open rule the day before.</summary>
public sealed record SaveWaitingPeriodRule(
    string PoolAreaCode,
    string Insutype,
    DateOnly EffectiveFrom,
    bool RequiresContribution,
    int WaitingMonthsAfterLateFirstContribution,
    int WaitingMonthsAfterInterruption,
    int InterruptionGraceMonths,
    IReadOnlyList<SpecialStatusType>? ExemptStatuses = null,
    IReadOnlyList<PersonCategory>? ExemptCategories = null);

public sealed class SaveWaitingPeriodRuleValidator : AbstractValidator<SaveWaitingPeriodRule>
{
    public SaveWaitingPeriodRuleValidator()
    {
        RuleFor(x => x.PoolAreaCode).Matches("^[1-9][0-9]{5}$").WithMessage("统筹区：须为 6 位行政区划代码").OverridePropertyName("insuplc_admdvs");
        RuleFor(x => x.Insutype).Must(RegistryLookups.IsInsuranceType).WithMessage(RegistryLookups.InsutypeMessage).OverridePropertyName("insutype");
        RuleFor(x => x.WaitingMonthsAfterLateFirstContribution).InclusiveBetween(0, 24).WithMessage("首次缴费等待期：须在 0–24 个月之间");
        RuleFor(x => x.WaitingMonthsAfterInterruption).InclusiveBetween(0, 24).WithMessage("中断后等待期：须在 0–24 个月之间");
        RuleFor(x => x.InterruptionGraceMonths).InclusiveBetween(0, 24).WithMessage("中断宽限期：须在 0–24 个月之间");
    }
}

public sealed class SaveWaitingPeriodRuleHandler(IAppDbContext db)
{
    private static readonly SaveWaitingPeriodRuleValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(SaveWaitingPeriodRule command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        var type = RegistryLookups.ToInsuranceType(command.Insutype);
        var existing = await db.WaitingPeriodRules.Where(r => r.PoolAreaCode == command.PoolAreaCode && r.InsuranceType == type).ToListAsync(ct);
        if (existing.Any(r => r.EffectiveFrom >= command.EffectiveFrom))
        {
            return AppResult<long>.Fail(new AppError("rule-not-latest", $"生效日期：已有 {command.EffectiveFrom:yyyy-MM-dd} 或之后生效的规则，新规则须晚于现有规则", "begndate"));
        }

        foreach (var open in existing.Where(r => r.EffectiveTo is null || r.EffectiveTo >= command.EffectiveFrom))
        {
            open.EffectiveTo = command.EffectiveFrom.AddDays(-1);
        }

        var rule = new WaitingPeriodRule
        {
            PoolAreaCode = command.PoolAreaCode,
            InsuranceType = type,
            EffectiveFrom = command.EffectiveFrom,
            RequiresContribution = command.RequiresContribution,
            WaitingMonthsAfterLateFirstContribution = command.WaitingMonthsAfterLateFirstContribution,
            WaitingMonthsAfterInterruption = command.WaitingMonthsAfterInterruption,
            InterruptionGraceMonths = command.InterruptionGraceMonths,
            ExemptStatuses = [.. command.ExemptStatuses ?? []],
            ExemptCategories = [.. command.ExemptCategories ?? []],
        };
        db.WaitingPeriodRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return AppResult<long>.Ok(rule.Id);
    }
}
