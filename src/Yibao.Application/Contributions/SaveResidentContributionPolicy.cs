using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;

namespace Yibao.Application.Contributions;

/// <summary>
/// 居民医保筹资标准 (policy data per 统筹区 and year): 个人缴费, 财政补助, 集中征缴期 and 代缴 per special status. Creates the
/// year or changes it; once contributions of the year have been recorded the amounts are fixed (they were posted at
/// those amounts) and only the 集中征缴期 may still change.
/// </summary>
public sealed record SaveResidentContributionPolicy(
    string PoolAreaCode, int Year, decimal IndividualAmount, decimal SubsidyAmount, DateOnly CollectionFrom, DateOnly CollectionTo,
    IReadOnlyList<SponsoredContribution> Sponsored);

public sealed class SaveResidentContributionPolicyValidator : AbstractValidator<SaveResidentContributionPolicy>
{
    public SaveResidentContributionPolicyValidator()
    {
        RuleFor(x => x.PoolAreaCode).Matches("^[0-9]{6}$").WithMessage("统筹区：须为 6 位行政区划代码").OverridePropertyName("insuplc_admdvs");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("缴费年度：须在 2000–2100 之间").OverridePropertyName("year");
        RuleFor(x => x.IndividualAmount).GreaterThanOrEqualTo(0).WithMessage("个人缴费：不能为负数").OverridePropertyName("individual_amount");
        RuleFor(x => x.IndividualAmount).Must(Cents).WithMessage("个人缴费：须精确到分（最多两位小数）").OverridePropertyName("individual_amount");
        RuleFor(x => x.SubsidyAmount).GreaterThanOrEqualTo(0).WithMessage("财政补助：不能为负数").OverridePropertyName("subsidy_amount");
        RuleFor(x => x.SubsidyAmount).Must(Cents).WithMessage("财政补助：须精确到分（最多两位小数）").OverridePropertyName("subsidy_amount");
        RuleFor(x => x.CollectionTo).GreaterThanOrEqualTo(x => x.CollectionFrom).WithMessage("集中征缴期：结束日期不能早于开始日期").OverridePropertyName("collection_to");
        RuleFor(x => x).Must(x => x.CollectionFrom.Year >= x.Year - 1 && x.CollectionTo <= new DateOnly(Math.Clamp(x.Year, 1, 9999), 12, 31))
            .WithMessage(x => string.Create(CultureInfo.InvariantCulture, $"集中征缴期：须在 {x.Year - 1}-01-01 至 {x.Year}-12-31 之间（通常为上一年秋冬）"))
            .OverridePropertyName("collection_from");
        RuleFor(x => x.Sponsored).Must(s => s.Select(x => x.Status).Distinct().Count() == s.Count).WithMessage("代缴标准：同一特殊身份只能设置一次").OverridePropertyName("sponsored");
        RuleForEach(x => x.Sponsored).Must(s => Enum.IsDefined(s.Status)).WithMessage("代缴标准：特殊身份无效").OverridePropertyName("sponsored");
        RuleForEach(x => x.Sponsored).Must(s => s.Amount >= 0 && Cents(s.Amount))
            .WithMessage((_, s) => $"代缴金额（{RegistryNames.Of(s.Status)}）：须为不小于 0 的金额，精确到分").OverridePropertyName("sponsored");
        RuleForEach(x => x.Sponsored).Must((x, s) => s.Amount <= x.IndividualAmount)
            .WithMessage((x, s) => string.Create(CultureInfo.InvariantCulture, $"代缴金额（{RegistryNames.Of(s.Status)}）：{s.Amount:0.00} 元超过个人缴费 {x.IndividualAmount:0.00} 元"))
            .OverridePropertyName("sponsored");
    }

    private static bool Cents(decimal v) => decimal.Round(v, 2) == v;
}

public sealed class SaveResidentContributionPolicyHandler(IAppDbContext db)
{
    private static readonly SaveResidentContributionPolicyValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(SaveResidentContributionPolicy command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        if (!await db.Areas.AnyAsync(a => a.Code == command.PoolAreaCode, ct))
        {
            return AppResult<long>.Fail(new AppError("unknown-area", $"统筹区：{command.PoolAreaCode} 不是已登记的行政区划", "insuplc_admdvs"));
        }

        var sponsored = command.Sponsored.Where(s => s.Amount > 0).OrderBy(s => s.Status).ToList();
        var policy = await db.ResidentContributionPolicies.FirstOrDefaultAsync(p => p.PoolAreaCode == command.PoolAreaCode && p.Year == command.Year, ct);
        if (policy is null)
        {
            policy = new ResidentContributionPolicy { PoolAreaCode = command.PoolAreaCode, Year = command.Year };
            db.ResidentContributionPolicies.Add(policy);
        }
        else
        {
            var amountsChanged = policy.IndividualAmount != command.IndividualAmount || policy.SubsidyAmount != command.SubsidyAmount
                || !policy.Sponsored.OrderBy(s => s.Status).Select(s => (s.Status, s.Amount)).SequenceEqual(sponsored.Select(s => (s.Status, s.Amount)));
            if (amountsChanged)
            {
                var recorded = await db.ResidentContributions.CountAsync(c => c.PoolAreaCode == command.PoolAreaCode && c.Year == command.Year, ct);
                if (recorded > 0)
                {
                    return AppResult<long>.Fail(new AppError("policy-in-use", string.Create(CultureInfo.InvariantCulture,
                        $"个人缴费：{command.Year} 年度已有 {recorded} 笔居民缴费按现行标准记账，不能再修改金额（集中征缴期仍可修改）"), "individual_amount"));
                }
            }
        }

        policy.IndividualAmount = command.IndividualAmount;
        policy.SubsidyAmount = command.SubsidyAmount;
        policy.CollectionFrom = command.CollectionFrom;
        policy.CollectionTo = command.CollectionTo;
        if (!policy.Sponsored.OrderBy(s => s.Status).SequenceEqual(sponsored))
        {
            policy.Sponsored = sponsored;
        }

        await db.SaveChangesAsync(ct);
        return AppResult<long>.Ok(policy.Id);
    }
}

/// <summary>The stored 居民医保筹资标准, newest year first.</summary>
public sealed class ListResidentContributionPoliciesHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<ResidentContributionPolicy>> HandleAsync(CancellationToken ct = default) =>
        (await db.ResidentContributionPolicies.AsNoTracking().ToListAsync(ct)).OrderByDescending(p => p.Year).ThenBy(p => p.PoolAreaCode, StringComparer.Ordinal).ToList();
}
