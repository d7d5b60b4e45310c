using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Domain.Contributions;

/// <summary>
/// 居民医保筹资标准 for one 统筹区 and year (policy data): the individual contribution, the fiscal subsidy per person, the
/// 集中征缴期, and 代缴 by the medical-assistance fund per special status (full or partial, e.g. 特困 全额, 低保 ¥200).
/// </summary>
public class ResidentContributionPolicy
{
    public long Id { get; set; }

    public required string PoolAreaCode { get; set; }

    /// <summary>缴费年度 (the coverage year).</summary>
    public int Year { get; set; }

    /// <summary>个人缴费标准 (元/人·年).</summary>
    public decimal IndividualAmount { get; set; }

    /// <summary>财政补助标准 (元/人·年).</summary>
    public decimal SubsidyAmount { get; set; }

    /// <summary>集中征缴期 start/end (inclusive).</summary>
    public DateOnly CollectionFrom { get; set; }

    public DateOnly CollectionTo { get; set; }

    /// <summary>代缴 by special status: amount paid by the medical-assistance fund (capped at the individual amount).</summary>
    public List<SponsoredContribution> Sponsored { get; set; } = [];

    /// <summary>
    /// Who pays what for a person with the given special statuses: the highest 代缴 among their statuses applies
    /// (statuses do not add up), rounded to 分 (四舍五入).
    /// </summary>
    public ResidentContributionSplit SplitFor(IEnumerable<SpecialStatusType> statuses)
    {
        var set = statuses.ToHashSet();
        var best = Sponsored.Where(s => set.Contains(s.Status)).OrderByDescending(s => s.Amount).FirstOrDefault();
        var sponsored = Math.Min(best?.Amount ?? 0m, IndividualAmount);
        sponsored = decimal.Round(sponsored, 2, MidpointRounding.AwayFromZero);
        return new ResidentContributionSplit(IndividualAmount, sponsored, IndividualAmount - sponsored, SubsidyAmount, best?.Status);
    }

    public void Validate()
    {
        if (IndividualAmount < 0 || SubsidyAmount < 0 || Sponsored.Any(s => s.Amount < 0))
        {
            throw new DomainException("筹资标准：金额不能为负数") { Field = "amount", Code = "negative-amount" };
        }

        if (CollectionTo < CollectionFrom)
        {
            throw new DomainException("集中征缴期：结束日期不能早于开始日期") { Field = "collection_to", Code = "end-before-begin" };
        }
    }
}

/// <summary>代缴标准: a special status and the amount the medical-assistance fund pays for it.</summary>
public sealed record SponsoredContribution(SpecialStatusType Status, decimal Amount);

/// <summary>个人应缴 = 医疗救助代缴 + 本人缴纳; plus the fiscal subsidy.</summary>
public sealed record ResidentContributionSplit(decimal Individual, decimal Sponsored, decimal PaidByPerson, decimal Subsidy, SpecialStatusType? SponsoredFor);
