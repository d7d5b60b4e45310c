using BenchmarkDotNet.Attributes;
using Yibao.Domain.Registry;

namespace Yibao.Benchmarks.Registry;

/// <summary>
/// Eligibility on a date (the in-memory part of the 1101 query): a plain resident (baseline) against an employee with
/// a long history (suspensions, category change, supplementary 险种, special statuses) under waiting rules.
/// Run: dotnet run -c Release --project bench/Yibao.Benchmarks -- --filter '*EligibilityBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class EligibilityBenchmarks
{
    private static readonly DateOnly Probe = new(2026, 3, 2);
    private PersonCoverage _simple = null!;
    private PersonCoverage _history = null!;
    private WaitingPolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _policy = new WaitingPolicy([
            new WaitingPeriodRule { PoolAreaCode = "130123", InsuranceType = InsuranceType.ResidentBasic, EffectiveFrom = new DateOnly(2020, 1, 1), WaitingMonthsAfterLateFirstContribution = 3, WaitingMonthsAfterInterruption = 3, InterruptionGraceMonths = 3, ExemptStatuses = [SpecialStatusType.PovertyAlleviated] },
            new WaitingPeriodRule { PoolAreaCode = "130123", InsuranceType = InsuranceType.EmployeeBasic, EffectiveFrom = new DateOnly(2020, 1, 1), WaitingMonthsAfterLateFirstContribution = 0, WaitingMonthsAfterInterruption = 6, InterruptionGraceMonths = 3 },
        ]);

        _simple = new PersonCoverage(1, new DateOnly(1980, 1, 1), [], []);
        _simple.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2024, 1, 1), "130123", firstContributionDate: new DateOnly(2023, 12, 1));

        _history = new PersonCoverage(2, new DateOnly(1966, 1, 1), [], []);
        _history.AddSpecialStatus(SpecialStatusType.CivilServant, new DateOnly(1990, 1, 1), null, "组织部");
        _history.AddSpecialStatus(SpecialStatusType.MinimumLiving, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), "民政局");
        var e = _history.Enroll(InsuranceType.EmployeeBasic, PersonCategory.InService, new DateOnly(2000, 1, 1), "130123", employerId: 1, firstContributionDate: new DateOnly(2000, 1, 20));
        for (var y = 2001; y < 2021; y += 2)
        {
            e.Suspend(new DateOnly(y, 3, 1), "停缴");
            _history.Resume(e, new DateOnly(y, 9, 1));
        }

        e.ChangeCategory(PersonCategory.Retired, new DateOnly(2026, 1, 1), "退休");
        _history.Enroll(InsuranceType.EmployeeLargeExpense, PersonCategory.Retired, new DateOnly(2026, 1, 1), "130123");
        _history.Enroll(InsuranceType.CivilServantSubsidy, PersonCategory.Retired, new DateOnly(2026, 1, 1), "130123");
    }

    [Benchmark(Baseline = true)]
    public Eligibility SimpleResident() => _simple.On(Probe, _policy);

    [Benchmark]
    public Eligibility EmployeeWithHistory() => _history.On(Probe, _policy);
}
