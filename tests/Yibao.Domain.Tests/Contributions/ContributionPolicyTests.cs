using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;

namespace Yibao.Domain.Tests.Contributions;

public sealed class ContributionPolicyTests
{
    [Fact]
    public void Declared_base_must_be_within_60_to_300_percent_of_the_average_wage()
    {
        var p = new EmployeeContributionPolicy("130123", 2026, 6000m, 0.6m, 3m, 0.08m, 0.02m);
        p.CheckBase(3600m).ShouldBe(3600m);
        p.CheckBase(18000m).ShouldBe(18000m);
        var ex = Should.Throw<DomainException>(() => p.CheckBase(3599.99m));
        ex.Field.ShouldBe("clct_base");
        ex.Message.ShouldStartWith("缴费基数：3599.99 元超出 2026 年核定范围 3600.00–18000.00 元");
        p.MonthlyAmounts(4567.89m).ShouldBe((365.43m, 91.36m));
    }

    [Fact]
    public void Sponsored_contribution_takes_the_highest_status_and_never_exceeds_the_individual_amount()
    {
        var p = new ResidentContributionPolicy
        {
            PoolAreaCode = "130123", Year = 2026, IndividualAmount = 400m, SubsidyAmount = 700m,
            CollectionFrom = new DateOnly(2025, 9, 1), CollectionTo = new DateOnly(2025, 12, 31),
            Sponsored = [new(SpecialStatusType.Destitute, 400m), new(SpecialStatusType.MinimumLiving, 350m), new(SpecialStatusType.PovertyAlleviated, 1000m)],
        };
        p.SplitFor([]).ShouldBe(new ResidentContributionSplit(400m, 0m, 400m, 700m, null));
        p.SplitFor([SpecialStatusType.MinimumLiving]).ShouldBe(new ResidentContributionSplit(400m, 350m, 50m, 700m, SpecialStatusType.MinimumLiving));
        p.SplitFor([SpecialStatusType.MinimumLiving, SpecialStatusType.PovertyAlleviated]).PaidByPerson.ShouldBe(0m);
    }
}
