using System.Globalization;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Demo;

/// <summary>
/// 示范县's coverage, derived from each generated person (deterministic per person id): one basic enrollment for
/// everybody — employees of the generated employers in 310 (在职 18–59, 退休 60+ with the 在职 → 退休 change), everyone
/// else in 390 (学生/儿童, 成年居民, 老年居民) — special statuses in realistic shares, the year's waiting-period rules and
/// resident financing policy (policy data), and the resident contributions of <see cref="ContributionYear"/> with
/// their balanced ledger entries, built exactly as <c>RecordResidentContributionHandler</c> posts them.
/// </summary>
public sealed class DemoCoverage
{
    /// <summary>The coverage year whose contributions are generated (集中征缴期 in the autumn before).</summary>
    public const int ContributionYear = 2026;

    /// <summary>Share of 390 enrollees whose contribution for the year has been received.</summary>
    public const double PaidShare = 0.98;

    private static readonly DateOnly EmployeeStart = new(2010, 1, 1);
    private static readonly DateOnly ResidentStart = new(2024, 1, 1);

    private readonly ulong _seed;
    private readonly IReadOnlyList<Employer> _employers;
    private readonly List<Plan> _plans = [];

    public DemoCoverage(DemoCounty county)
    {
        ArgumentNullException.ThrowIfNull(county);
        _seed = unchecked((ulong)county.Options.Seed) ^ 0xC0FE_0000UL;
        _employers = county.Employers;
        Policy = ResidentPolicy();
    }

    public ResidentContributionPolicy Policy { get; }

    /// <summary>Share of the employee-age 310 enrollees who are 灵活就业人员 (no employer).</summary>
    public const double FlexibleShare = 0.15;

    /// <summary>A 310 enrollee as the contribution seed needs him (enrollment ids as written by <see cref="Enrollments"/>).</summary>
    public readonly record struct EmployeeEnrollee(long EnrollmentId, long PersonId, string PersonNo, long? EmployerId, PersonCategory Category, DateOnly Begin, DateOnly? RetiredOn)
    {
        /// <summary>Category on a date: 在职 before the retirement date when the enrollment changed to 退休.</summary>
        public PersonCategory CategoryOn(DateOnly date) => RetiredOn is { } r && date < r ? PersonCategory.InService : Category;
    }

    /// <summary>The 310 enrollees in person order.</summary>
    public IEnumerable<EmployeeEnrollee> Employees()
    {
        for (var i = 0; i < _plans.Count; i++)
        {
            var p = _plans[i];
            if (p.Type == InsuranceType.EmployeeBasic)
            {
                yield return new EmployeeEnrollee(i + 1, p.PersonId, p.PersonNo, p.EmployerId, p.Category, p.Begin, p.RetiredOn);
            }
        }
    }

    private readonly record struct Plan(
        long PersonId, string PersonNo, DateOnly BirthDate, InsuranceType Type, PersonCategory Category, long? EmployerId,
        DateOnly Begin, DateOnly? RetiredOn, SpecialStatusType? Status, DateOnly StatusBegin, DateOnly? PaidOn);

    /// <summary>Passes the persons through while planning their coverage (so they are generated once).</summary>
    public IEnumerable<Person> Observe(IEnumerable<Person> persons)
    {
        foreach (var p in persons)
        {
            _plans.Add(PlanFor(p));
            yield return p;
        }
    }

    public int PersonCount => _plans.Count;

    private Plan PlanFor(Person p)
    {
        var rng = DemoRandom.Derive(_seed, (ulong)p.Id);
        var age = DemoCountyGenerator.ReferenceDate.Year - p.BirthDate.Year - (DemoCountyGenerator.ReferenceDate < p.BirthDate.AddYears(DemoCountyGenerator.ReferenceDate.Year - p.BirthDate.Year) ? 1 : 0);
        var adult = FirstOfNextMonth(p.BirthDate.AddYears(18));
        if (_employers.Count > 0 && ((age is >= 18 and < 60 && rng.Chance(0.16)) || (age >= 60 && rng.Chance(0.12))))
        {
            var employer = _employers[rng.Next(_employers.Count)];
            var begin = Max(EmployeeStart, adult);
            if (age < 60 && rng.Chance(FlexibleShare))
            {
                // 灵活就业人员: 310 without an employer, paying monthly themselves (DemoContributions).
                return new Plan(p.Id, p.PersonNo, p.BirthDate, InsuranceType.EmployeeBasic, PersonCategory.FlexibleEmployed, null,
                    Max(begin, new DateOnly(2018, 1, 1).AddMonths(rng.Between(0, 95))), null, null, begin, null);
            }

            DateOnly? retired = age >= 60 ? FirstOfNextMonth(p.BirthDate.AddYears(60)) : null;
            if (retired is { } r && r <= begin)
            {
                begin = r;
            }

            // 离休干部: joined revolutionary work before 1949-10-01, so aged 90+ today; a handful in a county.
            SpecialStatusType? status = age >= 90 && rng.Chance(0.06) ? SpecialStatusType.RetiredCadre : null;
            return new Plan(p.Id, p.PersonNo, p.BirthDate, InsuranceType.EmployeeBasic, retired is null ? PersonCategory.InService : PersonCategory.Retired,
                employer.Id, begin, retired == begin ? null : retired, status, new DateOnly(1990, 1, 1), null);
        }

        var category = age < 18 ? PersonCategory.StudentOrChild : age < 60 ? PersonCategory.AdultResident : PersonCategory.ElderlyResident;
        var residentBegin = Max(ResidentStart, p.BirthDate);
        var roll = rng.NextDouble();
        SpecialStatusType? special = roll switch
        {
            < 0.0013 => SpecialStatusType.Destitute,
            < 0.0213 => SpecialStatusType.MinimumLiving,
            < 0.0563 => SpecialStatusType.PovertyAlleviated,
            < 0.0613 => SpecialStatusType.MonitoredAgainstPoverty,
            _ => null,
        };
        var statusBegin = Max(p.BirthDate, special switch
        {
            SpecialStatusType.PovertyAlleviated => new DateOnly(2021, 1, 1),
            _ => new DateOnly(2023, 1, 1).AddDays(rng.Between(0, 600)),
        });
        DateOnly? paidOn = special is SpecialStatusType.Destitute || rng.Chance(PaidShare)
            ? Policy.CollectionFrom.AddDays(rng.Between(0, Policy.CollectionTo.DayNumber - Policy.CollectionFrom.DayNumber))
            : null;
        return new Plan(p.Id, p.PersonNo, p.BirthDate, InsuranceType.ResidentBasic, category, null, residentBegin, null, special, statusBegin, paidOn);
    }

    public IEnumerable<Enrollment> Enrollments() =>
        _plans.Select((p, i) => new Enrollment
        {
            Id = i + 1,
            PersonId = p.PersonId,
            InsuranceType = p.Type,
            Category = p.Category,
            EmployerId = p.EmployerId,
            BeginDate = p.Begin,
            Status = EnrollmentStatus.Active,
            FirstContributionDate = p.Begin,
            PoolAreaCode = DemoCountyGenerator.CountyCode,
        });

    public IEnumerable<EnrollmentEvent> Events()
    {
        long id = 0;
        for (var i = 0; i < _plans.Count; i++)
        {
            var p = _plans[i];
            var first = p.RetiredOn is null ? p.Category : PersonCategory.InService;
            yield return new EnrollmentEvent { Id = ++id, EnrollmentId = i + 1, Kind = EnrollmentEventKind.Registered, EffectiveDate = p.Begin, Category = first, Sequence = 1 };
            if (p.RetiredOn is { } r)
            {
                yield return new EnrollmentEvent { Id = ++id, EnrollmentId = i + 1, Kind = EnrollmentEventKind.CategoryChanged, EffectiveDate = r, Category = PersonCategory.Retired, Note = "达到退休年龄", Sequence = 2 };
            }
        }
    }

    public IEnumerable<PersonSpecialStatus> SpecialStatuses()
    {
        long id = 0;
        foreach (var p in _plans)
        {
            if (p.Status is { } s)
            {
                var (source, reference) = s switch
                {
                    SpecialStatusType.PovertyAlleviated or SpecialStatusType.MonitoredAgainstPoverty => ("乡村振兴局", "示范县防返贫监测信息系统"),
                    SpecialStatusType.RetiredCadre => ("组织部（老干部局）", null),
                    _ => ("民政局", "示范县社会救助信息系统"),
                };
                yield return new PersonSpecialStatus { Id = ++id, PersonId = p.PersonId, Type = s, BeginDate = p.StatusBegin, Source = source, SourceReference = reference };
            }
        }
    }

    /// <summary>One contribution and one balanced journal entry per paying resident (ids 1…N in person order).</summary>
    public IEnumerable<(ResidentContribution Contribution, JournalEntry Entry)> Contributions()
    {
        long id = 0;
        long lineId = 0;
        foreach (var p in _plans)
        {
            if (p.Type != InsuranceType.ResidentBasic || p.PaidOn is not { } paidOn)
            {
                continue;
            }

            id++;
            var statuses = p.Status is { } s && p.StatusBegin <= paidOn ? [s] : Array.Empty<SpecialStatusType>();
            var split = Policy.SplitFor(statuses);
            var lines = new List<JournalLine>(6);
            var received = split.PaidByPerson + split.Sponsored;
            if (received > 0)
            {
                lines.Add(JournalLine.Dr(FundCode.ResidentPool, LedgerAccounts.BankIncome, received, p.PersonId));
                lines.Add(JournalLine.Cr(FundCode.ResidentPool, LedgerAccounts.ContributionIncome, received, p.PersonId));
            }

            if (split.Sponsored > 0)
            {
                lines.Add(JournalLine.Dr(FundCode.MedicalAssistance, LedgerAccounts.SponsoredContributionExpense, split.Sponsored, p.PersonId));
                lines.Add(JournalLine.Cr(FundCode.MedicalAssistance, LedgerAccounts.BankIncome, split.Sponsored, p.PersonId));
            }

            if (split.Subsidy > 0)
            {
                lines.Add(JournalLine.Dr(FundCode.ResidentPool, LedgerAccounts.SubsidyReceivable, split.Subsidy, p.PersonId));
                lines.Add(JournalLine.Cr(FundCode.ResidentPool, LedgerAccounts.SubsidyIncome, split.Subsidy, p.PersonId));
            }

            var memo = split.Sponsored > 0
                ? $"{ContributionYear} 年度居民医保缴费（{RegistryNames.Of(split.SponsoredFor!.Value)}医疗救助代缴 {split.Sponsored.ToString("0.00", CultureInfo.InvariantCulture)} 元）"
                : $"{ContributionYear} 年度居民医保缴费";
            var entry = JournalEntry.Create(paidOn, memo, "resident-contribution", string.Create(CultureInfo.InvariantCulture, $"{p.PersonNo}/{ContributionYear}"), lines);
            entry.Id = id;
            foreach (var l in entry.Lines)
            {
                l.Id = ++lineId;
                l.JournalEntryId = id;
            }

            var contribution = new ResidentContribution
            {
                Id = id,
                PersonId = p.PersonId,
                PoolAreaCode = DemoCountyGenerator.CountyCode,
                Year = ContributionYear,
                IndividualAmount = split.Individual,
                SponsoredAmount = split.Sponsored,
                PaidByPerson = split.PaidByPerson,
                SubsidyAmount = split.Subsidy,
                SponsoredFor = split.SponsoredFor,
                PaidOn = paidOn,
                ReceiptNo = string.Create(CultureInfo.InvariantCulture, $"SF{ContributionYear}{p.PersonId:D10}"),
                JournalEntryId = id,
            };
            yield return (contribution, entry);
        }
    }

    /// <summary>居民医保筹资标准 of the year: 380 元 individual + 640 元 subsidy; 代缴 full for 特困, half for 低保/脱贫人口, 100 元 for 防返贫监测对象.</summary>
    public static ResidentContributionPolicy ResidentPolicy() => new()
    {
        PoolAreaCode = DemoCountyGenerator.CountyCode,
        Year = ContributionYear,
        IndividualAmount = 380m,
        SubsidyAmount = 640m,
        CollectionFrom = new DateOnly(ContributionYear - 1, 9, 1),
        CollectionTo = new DateOnly(ContributionYear - 1, 12, 31),
        Sponsored =
        [
            new(SpecialStatusType.Destitute, 380m),
            new(SpecialStatusType.MinimumLiving, 190m),
            new(SpecialStatusType.PovertyAlleviated, 190m),
            new(SpecialStatusType.MonitoredAgainstPoverty, 100m),
        ],
    };

    /// <summary>待遇享受期 rules: 390 waits 3 months after a late first contribution or an interruption over 3 months (特困、低保、脱贫人口、防返贫监测对象 and 学生/儿童 exempt); 310 waits 6 months after an interruption over 3 months.</summary>
    public static IEnumerable<WaitingPeriodRule> WaitingRules() =>
    [
        new WaitingPeriodRule
        {
            PoolAreaCode = DemoCountyGenerator.CountyCode, InsuranceType = InsuranceType.ResidentBasic, EffectiveFrom = new DateOnly(2020, 1, 1),
            WaitingMonthsAfterLateFirstContribution = 3, WaitingMonthsAfterInterruption = 3, InterruptionGraceMonths = 3,
            ExemptStatuses = [SpecialStatusType.Destitute, SpecialStatusType.MinimumLiving, SpecialStatusType.PovertyAlleviated, SpecialStatusType.MonitoredAgainstPoverty],
            ExemptCategories = [PersonCategory.StudentOrChild],
        },
        new WaitingPeriodRule
        {
            PoolAreaCode = DemoCountyGenerator.CountyCode, InsuranceType = InsuranceType.EmployeeBasic, EffectiveFrom = new DateOnly(2020, 1, 1),
            WaitingMonthsAfterLateFirstContribution = 0, WaitingMonthsAfterInterruption = 6, InterruptionGraceMonths = 3,
        },
    ];

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly FirstOfNextMonth(DateOnly d) => d.Day == 1 ? d : new DateOnly(d.Year, d.Month, 1).AddMonths(1);
}
