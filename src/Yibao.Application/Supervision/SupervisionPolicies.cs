using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>稽核政策参数 in force on a date, and every stored version (newest first).</summary>
public sealed record GetSupervisionPolicies(DateOnly On);

public sealed record SupervisionPoliciesView(SupervisionPolicy InForce, bool IsDefault, IReadOnlyList<SupervisionPolicy> Versions);

public sealed class GetSupervisionPoliciesHandler(IAppDbContext db)
{
    public async Task<SupervisionPoliciesView> HandleAsync(GetSupervisionPolicies query, CancellationToken ct = default)
    {
        var versions = await db.SupervisionPolicies.AsNoTracking().OrderByDescending(p => p.EffectiveFrom).ToListAsync(ct);
        var inForce = versions.FirstOrDefault(p => p.EffectiveFrom <= query.On);
        return new SupervisionPoliciesView(inForce ?? SupervisionPolicy.Default(new DateOnly(2000, 1, 1)), inForce is null, versions);
    }
}

/// <summary>
/// Saves the 稽核政策参数 effective from a date (a new version, or replaces the version with the same 生效日期): 违约金倍数 range and default,
/// 举报奖励档次 (text, one "上限金额 比例%" a line, last "以上 比例%"), floor and cap.
/// </summary>
public sealed record SaveSupervisionPolicy(DateOnly EffectiveFrom, decimal PenaltyMultipleMin, decimal PenaltyMultipleMax, decimal PenaltyMultipleDefault,
    string RewardTiers, decimal RewardFloor, decimal RewardCap, string? Memo);

public sealed class SaveSupervisionPolicyValidator : AbstractValidator<SaveSupervisionPolicy>
{
    public SaveSupervisionPolicyValidator()
    {
        RuleFor(x => x.EffectiveFrom).Must(d => d.Year is >= 2000 and <= 2100).WithMessage("生效日期：须在 2000–2100 年之间");
        RuleFor(x => x.PenaltyMultipleMax).LessThanOrEqualTo(20m).WithMessage("违约金最高倍数：不能超过 20 倍");
        RuleFor(x => x.RewardCap).Must(a => decimal.Round(a, 2) == a).WithMessage("举报奖励最高金额：最多两位小数（精确到分）");
        RuleFor(x => x.RewardFloor).Must(a => decimal.Round(a, 2) == a).WithMessage("举报奖励最低金额：最多两位小数（精确到分）");
        RuleFor(x => x.Memo).MaximumLength(200).WithMessage("说明：不能超过 200 个字符");
    }
}

public sealed class SaveSupervisionPolicyHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly SaveSupervisionPolicyValidator Validator = new();

    public async Task<AppResult<SupervisionPolicy>> HandleAsync(SaveSupervisionPolicy c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        var candidate = new SupervisionPolicy
        {
            EffectiveFrom = c.EffectiveFrom,
            PenaltyMultipleMin = c.PenaltyMultipleMin,
            PenaltyMultipleMax = c.PenaltyMultipleMax,
            PenaltyMultipleDefault = c.PenaltyMultipleDefault,
            RewardTiers = (c.RewardTiers ?? "").Replace("\r", "", StringComparison.Ordinal).Trim(),
            RewardFloor = c.RewardFloor,
            RewardCap = c.RewardCap,
            Memo = string.IsNullOrWhiteSpace(c.Memo) ? null : c.Memo.Trim(),
            UpdatedBy = user.UserName,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var errors = v.ToAppErrors().Concat(candidate.Validate().Select(m => new AppError(SupervisionErrors.Validation, m))).ToList();
        if (errors.Count > 0)
        {
            return AppResult<SupervisionPolicy>.Fail(errors);
        }

        // Canonical tier text.
        candidate.RewardTiers = SupervisionPolicy.FormatTiers(candidate.Tiers);
        var existing = await db.SupervisionPolicies.FirstOrDefaultAsync(p => p.EffectiveFrom == c.EffectiveFrom, ct);
        if (existing is null)
        {
            db.SupervisionPolicies.Add(candidate);
            await db.SaveChangesAsync(ct);
            return AppResult<SupervisionPolicy>.Ok(candidate);
        }

        existing.PenaltyMultipleMin = candidate.PenaltyMultipleMin;
        existing.PenaltyMultipleMax = candidate.PenaltyMultipleMax;
        existing.PenaltyMultipleDefault = candidate.PenaltyMultipleDefault;
        existing.RewardTiers = candidate.RewardTiers;
        existing.RewardFloor = candidate.RewardFloor;
        existing.RewardCap = candidate.RewardCap;
        existing.Memo = candidate.Memo;
        existing.UpdatedBy = candidate.UpdatedBy;
        existing.UpdatedAt = candidate.UpdatedAt;
        await db.SaveChangesAsync(ct);
        return AppResult<SupervisionPolicy>.Ok(existing);
    }
}
