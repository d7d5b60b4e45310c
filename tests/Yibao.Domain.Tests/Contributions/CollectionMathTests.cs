using CsCheck;
using Yibao.Domain.Contributions;

namespace Yibao.Domain.Tests.Contributions;

/// <summary>征收计划 arithmetic, 对账 status and 欠费账龄 (property tests).</summary>
public sealed class CollectionMathTests
{
    private static readonly EmployeeContributionPolicy Policy = new("130123", 2026, 6000m, 0.6m, 3m, 0.08m, 0.02m, 0.1m);

    private static readonly Gen<decimal> Fen = Gen.Long[0, 5_000_000].Select(f => f / 100m);

    [Fact]
    public void Plan_lines_are_rounded_to_the_fen_never_negative_and_sum_to_the_totals()
    {
        Gen.Select(Fen.List[0, 60], Gen.Int[0, 200], Gen.Int[0, 50]).Sample((bases, employerBp, employeeBp) =>
        {
            var policy = new EmployeeContributionPolicy("130123", 2026, 6000m, 0.6m, 3m, employerBp / 1000m, employeeBp / 1000m);
            var plan = CollectionMath.BuildPlan(policy, 1, "130123", 202611, bases.Select((b, i) => new PlanLineInput(i + 1, b)), new DateOnly(2026, 11, 1));
            plan.Headcount.ShouldBe(bases.Count);
            foreach (var l in plan.Lines)
            {
                l.EmployerAmount.ShouldBeGreaterThanOrEqualTo(0m);
                l.EmployeeAmount.ShouldBeGreaterThanOrEqualTo(0m);
                decimal.Round(l.EmployerAmount, 2).ShouldBe(l.EmployerAmount);
                decimal.Round(l.EmployeeAmount, 2).ShouldBe(l.EmployeeAmount);
                // Each line is within half a fen of the exact product.
                Math.Abs(l.EmployerAmount - (l.Base * policy.EmployerRate)).ShouldBeLessThanOrEqualTo(0.005m);
            }

            plan.EmployerAmount.ShouldBe(plan.Lines.Sum(l => l.EmployerAmount));
            plan.EmployeeAmount.ShouldBe(plan.Lines.Sum(l => l.EmployeeAmount));
            plan.TotalAmount.ShouldBe(plan.EmployerAmount + plan.EmployeeAmount);
        });
    }

    [Fact]
    public void Rounding_is_half_away_from_zero()
    {
        // 4567.89 × 8% = 365.4312 → 365.43; 1000.25 × 2% = 20.005 → 20.01.
        Policy.MonthlyAmounts(4567.89m).ShouldBe((365.43m, 91.36m));
        Policy.MonthlyAmounts(1000.25m).Employee.ShouldBe(20.01m);
    }

    [Fact]
    public void Negative_base_is_refused()
    {
        Should.Throw<Yibao.Domain.Common.DomainException>(() => CollectionMath.BuildPlan(Policy, 1, "130123", 202611, [new PlanLineInput(1, -1m)], new DateOnly(2026, 11, 1)))
            .Message.ShouldBe("核定基数：不能为负数");
    }

    [Fact]
    public void Clamp_keeps_bases_within_floor_and_ceiling()
    {
        Fen.Sample(b =>
        {
            var c = Policy.ClampBase(b);
            c.ShouldBeInRange(Policy.Floor, Policy.Ceiling);
            if (b >= Policy.Floor && b <= Policy.Ceiling)
            {
                c.ShouldBe(b);
            }
        });
    }

    [Fact]
    public void Aging_buckets_partition_the_arrears()
    {
        var months = Gen.Select(Gen.Int[2015, 2026], Gen.Int[1, 12], Gen.Long[-100_000, 1_000_000]).Select((y, m, f) => (ContributionPeriod.Of(y, m), f / 100m));
        months.List[0, 40].Sample(list =>
        {
            var asOf = 202611;
            var aging = CollectionMath.Age(list, asOf);
            var owed = list.Where(x => x.Item2 > 0).ToList();
            aging.Total.ShouldBe(owed.Sum(x => x.Item2));
            aging.Months.ShouldBe(owed.Count);
            aging.UpTo3.ShouldBe(owed.Where(x => ContributionPeriod.MonthsBetween(x.Item1, asOf) <= 3).Sum(x => x.Item2));
            aging.Over12.ShouldBe(owed.Where(x => ContributionPeriod.MonthsBetween(x.Item1, asOf) > 12).Sum(x => x.Item2));
            new[] { aging.UpTo3, aging.From3To6, aging.From6To12, aging.Over12 }.ShouldAllBe(v => v >= 0);
        });
    }

    [Fact]
    public void Bucket_boundaries_and_reconciliation_status()
    {
        CollectionMath.BucketOf(202608, 202611).ShouldBe(ArrearsBucket.UpTo3);
        CollectionMath.BucketOf(202607, 202611).ShouldBe(ArrearsBucket.From3To6);
        CollectionMath.BucketOf(202605, 202611).ShouldBe(ArrearsBucket.From3To6);
        CollectionMath.BucketOf(202604, 202611).ShouldBe(ArrearsBucket.From6To12);
        CollectionMath.BucketOf(202511, 202611).ShouldBe(ArrearsBucket.From6To12);
        CollectionMath.BucketOf(202510, 202611).ShouldBe(ArrearsBucket.Over12);
        CollectionMath.Classify(100m, 100m).ShouldBe(CollectionStatus.Paid);
        CollectionMath.Classify(100m, 40m).ShouldBe(CollectionStatus.Partial);
        CollectionMath.Classify(100m, 0m).ShouldBe(CollectionStatus.Unpaid);
        CollectionMath.Classify(100m, 100.01m).ShouldBe(CollectionStatus.Overpaid);
        CollectionMath.Classify(0m, 5m).ShouldBe(CollectionStatus.Overpaid);
    }

    [Theory]
    [InlineData("2026-11", 202611)]
    [InlineData("202611", 202611)]
    [InlineData("2026/3", 202603)]
    [InlineData("2026-03-15", 202603)]
    [InlineData("2026年11月", 202611)]
    public void Periods_parse_from_the_usual_spellings(string text, int expected)
    {
        ContributionPeriod.TryParse(text, out var p).ShouldBeTrue();
        p.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("abc")]
    [InlineData("1899-01")]
    public void Bad_periods_are_refused(string text) => ContributionPeriod.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Flexible_amount_uses_the_flexible_rate_within_the_range()
    {
        Policy.FlexibleMonthly(4000m).ShouldBe(400m);
        Should.Throw<Yibao.Domain.Common.DomainException>(() => Policy.FlexibleMonthly(100m)).Field.ShouldBe("clct_base");
    }
}
