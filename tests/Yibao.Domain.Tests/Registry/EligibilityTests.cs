using CsCheck;
using Yibao.Domain.Registry;

namespace Yibao.Domain.Tests.Registry;

public sealed class EligibilityTests
{
    private static readonly DateOnly Birth = new(1980, 5, 1);
    private static readonly DateOnly Y2024 = new(2024, 1, 1);

    /// <summary>居民医保 rule: pay after the begin date → 3 months waiting; interruption over 3 months → 3 months waiting; 脱贫人口/特困/低保 exempt.</summary>
    private static WaitingPolicy ResidentRule(int late = 3, int afterInterruption = 3, int grace = 3) => new([new WaitingPeriodRule
    {
        PoolAreaCode = "130123",
        InsuranceType = InsuranceType.ResidentBasic,
        EffectiveFrom = new DateOnly(2020, 1, 1),
        RequiresContribution = true,
        WaitingMonthsAfterLateFirstContribution = late,
        WaitingMonthsAfterInterruption = afterInterruption,
        InterruptionGraceMonths = grace,
        ExemptStatuses = [SpecialStatusType.PovertyAlleviated, SpecialStatusType.Destitute, SpecialStatusType.MinimumLiving],
        ExemptCategories = [],
    }]);

    [Fact]
    public void Eligibility_on_a_date_lists_insurance_category_status_statuses_and_benefit_window()
    {
        var p = new PersonCoverage(1, Birth, [], []);
        p.AddSpecialStatus(SpecialStatusType.MinimumLiving, new DateOnly(2023, 1, 1), new DateOnly(2024, 6, 30), "民政局");
        var e = p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123", firstContributionDate: new DateOnly(2023, 11, 20));
        p.Enroll(InsuranceType.ResidentCritical, PersonCategory.AdultResident, Y2024, "130123", firstContributionDate: new DateOnly(2023, 11, 20));

        var on = p.On(new DateOnly(2024, 3, 1), ResidentRule());
        on.Coverages.Select(c => c.InsuranceType).ShouldBe([InsuranceType.ResidentBasic, InsuranceType.ResidentCritical]);
        var basic = on.For(InsuranceType.ResidentBasic)!;
        basic.Category.ShouldBe(PersonCategory.AdultResident);
        basic.Status.ShouldBe(EnrollmentStatus.Active);
        basic.BenefitFrom.ShouldBe(Y2024);
        basic.BenefitTo.ShouldBeNull();
        basic.Entitled.ShouldBeTrue();
        on.Has(SpecialStatusType.MinimumLiving).ShouldBeTrue();
        p.On(new DateOnly(2024, 7, 1), ResidentRule()).SpecialStatuses.ShouldBeEmpty();
        p.On(new DateOnly(2023, 12, 31), ResidentRule()).Coverages.ShouldBeEmpty();
        e.Terminate(new DateOnly(2024, 8, 31), Yibao.Domain.Registry.TerminationReason.TransferOut);
        p.On(new DateOnly(2024, 9, 1), ResidentRule()).For(InsuranceType.ResidentBasic).ShouldBeNull();
    }

    [Fact]
    public void Without_contribution_there_is_no_benefit_when_the_rule_requires_one()
    {
        var p = new PersonCoverage(1, Birth, [], []);
        p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123");
        var c = p.On(new DateOnly(2024, 3, 1), ResidentRule()).For(InsuranceType.ResidentBasic)!;
        c.Entitled.ShouldBeFalse();
        c.BenefitFrom.ShouldBeNull();
        // No rule for the area: benefits follow coverage.
        p.On(new DateOnly(2024, 3, 1), WaitingPolicy.None).IsEntitled(InsuranceType.ResidentBasic).ShouldBeTrue();
    }

    [Fact]
    public void Exempt_statuses_skip_the_waiting_period()
    {
        var p = new PersonCoverage(1, Birth, [], []);
        p.AddSpecialStatus(SpecialStatusType.PovertyAlleviated, new DateOnly(2021, 1, 1), null, "乡村振兴局");
        p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123", firstContributionDate: new DateOnly(2024, 5, 10));
        p.On(new DateOnly(2024, 5, 10), ResidentRule()).For(InsuranceType.ResidentBasic)!.BenefitFrom.ShouldBe(Y2024);
    }

    /// <summary>Late first payment: benefits start exactly N months after it (never before the begin date), and not a day earlier.</summary>
    [Fact]
    public void Property_waiting_period_after_a_late_first_contribution()
    {
        Gen.Select(Gen.Int[-200, 400], Gen.Int[0, 6], Gen.Int[0, 700]).Sample((paidOffset, months, probeOffset) =>
        {
            var p = new PersonCoverage(1, Birth, [], []);
            var paid = Y2024.AddDays(paidOffset);
            p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123", firstContributionDate: paid);
            var policy = ResidentRule(late: months);
            var expectedFrom = paid <= Y2024 ? Y2024 : (paid.AddMonths(months) > Y2024 ? paid.AddMonths(months) : Y2024);
            var probe = Y2024.AddDays(probeOffset);
            var c = p.On(probe, policy).For(InsuranceType.ResidentBasic)!;
            c.Entitled.ShouldBe(probe >= expectedFrom);
            c.BenefitFrom.ShouldBe(expectedFrom);
        });
    }

    /// <summary>An interruption longer than the grace period delays benefits by the waiting months after resuming; a short one does not; no benefit while suspended.</summary>
    [Fact]
    public void Property_waiting_period_after_an_interruption()
    {
        Gen.Select(Gen.Int[30, 400], Gen.Int[1, 500], Gen.Int[0, 6], Gen.Int[0, 900]).Sample((suspendOffset, gap, wait, probeOffset) =>
        {
            var p = new PersonCoverage(1, Birth, [], []);
            var e = p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123", firstContributionDate: new DateOnly(2023, 12, 1));
            var suspended = Y2024.AddDays(suspendOffset);
            var resumed = suspended.AddDays(gap);
            e.Suspend(suspended, "断缴");
            p.Resume(e, resumed);
            var policy = ResidentRule(afterInterruption: wait, grace: 3);
            var probe = Y2024.AddDays(probeOffset);
            var longGap = resumed > suspended.AddMonths(3);
            var benefitAgain = longGap ? resumed.AddMonths(wait) : resumed;
            var expected = probe < suspended || probe >= benefitAgain;
            var c = p.On(probe, policy).For(InsuranceType.ResidentBasic)!;
            c.Entitled.ShouldBe(expected);
            c.Status.ShouldBe(probe >= suspended && probe < resumed ? EnrollmentStatus.Suspended : EnrollmentStatus.Active);
        });
    }

    /// <summary>With no waiting rule, entitlement on a date is exactly "covered and not suspended on that date".</summary>
    [Fact]
    public void Property_without_rules_entitlement_equals_coverage()
    {
        Gen.Select(Gen.Int[0, 800], Gen.Int[1, 300], Gen.Int[-100, 1200], Gen.Int[0, 900]).Sample((suspendAt, gap, endAt, probeOffset) =>
        {
            var p = new PersonCoverage(1, Birth, [], []);
            var e = p.Enroll(InsuranceType.EmployeeBasic, PersonCategory.FlexibleEmployed, Y2024, "130123");
            var suspended = Y2024.AddDays(suspendAt + 1);
            e.Suspend(suspended, "停缴");
            p.Resume(e, suspended.AddDays(gap));
            var lastDay = Y2024.AddDays(Math.Max(endAt, suspendAt + gap + 1));
            e.Terminate(lastDay, Yibao.Domain.Registry.TerminationReason.Death);
            var probe = Y2024.AddDays(probeOffset);
            var covered = probe <= lastDay && !(probe >= suspended && probe < suspended.AddDays(gap));
            p.On(probe, WaitingPolicy.None).IsEntitled(InsuranceType.EmployeeBasic).ShouldBe(covered);
        });
    }
}
