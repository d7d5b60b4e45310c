using System.Globalization;
using Yibao.Application.Accounts;
using Yibao.Application.OutOfArea;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Accounts;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.OutOfArea;
using Yibao.Domain.Registry;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Demo;

/// <summary>The rows one chunk of persons produced, ready for the bulk loader (in foreign-key order).</summary>
public sealed class DemoCareBatch
{
    public List<OutOfAreaFiling> Filings { get; } = [];
    public List<MedicalEncounter> Encounters { get; } = [];
    public List<FeeDetail> FeeDetails { get; } = [];
    public List<JournalEntry> JournalEntries { get; } = [];
    public List<SettlementRecord> Settlements { get; } = [];
    public List<PersonAccumulator> Accumulators { get; } = [];

    /// <summary>个人账户支付 entries of the chunk's settlements (on accounts that already exist).</summary>
    public List<PersonalAccountEntryRecord> AccountEntries { get; } = [];

    /// <summary>Persons of the chunk who had no care in the year and were entitled all year (candidates for a 手工报销).</summary>
    public List<Person> WithoutCare { get; } = [];

    public void Clear()
    {
        Filings.Clear();
        Encounters.Clear();
        FeeDetails.Clear();
        JournalEntries.Clear();
        Settlements.Clear();
        Accumulators.Clear();
        AccountEntries.Clear();
        WithoutCare.Clear();
    }
}

/// <summary>Running counts of the generated year of care.</summary>
public sealed class DemoCareCounts
{
    public int Outpatient { get; set; }
    public int Pharmacy { get; set; }
    public int Chronic { get; set; }
    public int Inpatient { get; set; }
    public int NonLocal { get; set; }
    public int Skipped { get; set; }
    public int Filings { get; set; }
    public long FeeLines { get; set; }
    public long OutOfCatalogLines { get; set; }
    public long ClassCLines { get; set; }
    public int Settlements { get; set; }
    public int JournalEntries { get; set; }
    public long JournalLines { get; set; }
    public int Accumulators { get; set; }
    public decimal MedfeeSumamt { get; set; }
    public decimal FundPaySumamt { get; set; }

    /// <summary>Settlements paid in part from a 职工个人账户 (acct_pay &gt; 0) and their total.</summary>
    public int AccountPayments { get; set; }

    public decimal AcctPaySumamt { get; set; }

    /// <summary>事中智能审核: settlements checked, fee lines made 全自费 by 明确 findings and their amount, 可疑 warnings stored.</summary>
    public int Reviewed { get; set; }

    public int ReviewDeductedLines { get; set; }

    public decimal ReviewDeductedAmount { get; set; }

    public int ReviewWarnings { get; set; }
}

/// <summary>
/// 示范县's year of care (<see cref="DemoCoverage.ContributionYear"/>), person by person and deterministic per person id:
/// 普通门诊 at the village clinic or township health centre (2–8 lines), purchases at 零售药店 (1–5 lines), monthly 门诊慢特病
/// visits for the few % with a chronic disease, admissions for about 16% of insured people (10–600 lines by the length of
/// stay: daily bed, nursing and ward-round items, the stay's drug regimen, tests, consumables, operations by institution
/// level), 异地就医备案 with care at the destination and some unfiled 异地 admissions. Lines come from the demo catalog,
/// including 丙类 and items outside the catalog. Each person's events are settled in date order through
/// <see cref="SettlementBuilder"/> (the live settlement's own code), so accumulators run through the year, and each settlement
/// gets the live path's balanced journal entry (<see cref="SettleOutpatientHandler.Postings"/>).
/// A person with an open 职工个人账户 settles as with acct_used_flag = 1: the balance on the settlement date (the stored
/// entries up to that date — the monthly 划入 — less the year's earlier payments) goes to the calculator through
/// <see cref="AccountPayment"/>, whose <see cref="AccountPayment.Post"/> records the 支付 entry on the settlement's journal
/// entry exactly as 2207/2304 do (职工个人账户 借 2201 个人账户结存 / 贷 2101).
/// With a 事中 reviewer (the rule set live settlement uses, <see cref="Application.Review.IReviewRuleSource"/>) each encounter is
/// checked before the calculation with the person's earlier encounters of the 12 months as history
/// (<see cref="InlineReviewInput"/>'s builders): 明确 findings make their lines 全自费 with the rule and reason, 可疑 ones are
/// stored as the settlement's warnings — what 2207/2304 store.
/// </summary>
public sealed class DemoCareGenerator
{
    public const int Year = DemoCoverage.ContributionYear;

    /// <summary>Share of persons with a 异地就医备案 (a few hundred at the default 20 000 insured).</summary>
    public const double FilingShare = 0.0125;

    private static readonly DateOnly YearStart = new(Year, 1, 1);
    private static readonly DateOnly YearEnd = new(Year, 12, 31);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string BedCode = "001102000010000";
    private const string GeneralConsultCode = "001101000010000";
    private const string BloodCountCode = "002503010010000";
    private const string CtCode = "002101010010000";
    private const string UltrasoundCode = "002201010010000";
    private const string DialysisCode = "003115000010000";
    private const string SyringeCode = "C0201010000001000000000002";

    private readonly ulong _seed;
    private readonly Func<string, DateOnly, PolicyVersion?> _policy;
    private readonly Catalog _catalog;
    private readonly WaitingPolicy _waiting;
    private readonly decimal[] _price;
    private readonly int[] _drugsAB;
    private readonly int[] _cheapDrugs;
    private readonly int _infusion;
    private readonly int[] _drugsC;
    private readonly int[] _services;
    private readonly int[] _consumables;
    private readonly int[] _nursing;
    private readonly int[] _rounds;
    private readonly int[] _operations;
    private readonly int[] _herbs;
    private readonly Dictionary<string, List<Institution>> _clinicsByVillage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Institution>> _clinicsByTownship = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Institution> _healthCentreByTownship = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Institution>> _pharmaciesByTownship = new(StringComparer.Ordinal);
    private readonly List<Institution> _pharmacies;
    private readonly List<Institution> _healthCentres;
    private readonly List<Institution> _countyHospitals;
    private readonly List<Institution> _remote;
    private long _encounterId;
    private long _feeId;
    private long _settlementId;
    private long _entryId;
    private long _lineId;
    private long _accumulatorId;
    private long _accountEntryId;
    private readonly InlineReviewer? _reviewer;
    private readonly string? _ruleSetId;
    private int _filingNo;

    /// <param name="seed">the demo seed.</param>
    /// <param name="policy">the policy version in force for a 险种 on a date (the county's).</param>
    /// <param name="catalog">the county's catalog.</param>
    /// <param name="institutions">the county's designated institutions.</param>
    /// <param name="remote">hospitals in other 统筹区 (异地 care).</param>
    /// <param name="waiting">the county's waiting-period rules.</param>
    /// <param name="firstEntryId">the first free 记账凭证 id; <paramref name="firstLineId"/> the first free line id.</param>
    /// <param name="firstAccountEntryId">the first free 个人账户记账 id.</param>
    /// <param name="reviewer">the 事中 reviewer of the enabled rules (null: no 事中 rules, as in live settlement).</param>
    /// <param name="ruleSetId">the rule set's id, named in the explanation.</param>
    public DemoCareGenerator(long seed, Func<string, DateOnly, PolicyVersion?> policy, Catalog catalog, IReadOnlyList<Institution> institutions,
        IReadOnlyList<Institution> remote, WaitingPolicy waiting, long firstEntryId, long firstLineId, long firstAccountEntryId = 1,
        InlineReviewer? reviewer = null, string? ruleSetId = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(institutions);
        ArgumentNullException.ThrowIfNull(remote);
        _seed = unchecked((ulong)seed) ^ 0xCA4E_2026UL;
        _policy = policy;
        _catalog = catalog;
        _waiting = waiting;
        _entryId = firstEntryId - 1;
        _lineId = firstLineId - 1;
        _accountEntryId = firstAccountEntryId - 1;
        _reviewer = reviewer;
        _ruleSetId = ruleSetId;
        _remote = [.. remote];

        // A fixed price per item (the institutions' price list): the 限价 when there is one, else a price by list type.
        var items = catalog.Items;
        _price = new decimal[items.Count];
        var rng = DemoRandom.Derive(_seed, 0xFFFF_0001UL);
        var drugsAB = new List<int>();
        var drugsC = new List<int>();
        var services = new List<int>();
        var consumables = new List<int>();
        var nursing = new List<int>();
        var rounds = new List<int>();
        var operations = new List<int>();
        var herbs = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var it = items[i];
            var basePrice = it.ListType switch
            {
                CatalogListType.ChineseHerbalPieces => 0.05m + (rng.Next(200) / 100m),
                CatalogListType.MedicalConsumable => 2m + rng.Next(30000) / 100m,
                CatalogListType.MedicalService => 3m + rng.Next(25000) / 100m,
                _ => 1.5m + rng.Next(12000) / 100m,
            };
            _price[i] = it.PriceCap is { } cap ? cap : decimal.Round(basePrice, 2, MidpointRounding.AwayFromZero);
            var restricted = it.Restrictions.MaxAge is not null || it.Restrictions.MinAge is not null || it.Restrictions.Gender is not null || it.Restrictions.DiagnosisPrefixes.Count > 0;
            switch (it.ListType)
            {
                case CatalogListType.WesternMedicine or CatalogListType.ChinesePatentMedicine when !restricted:
                    (it.Category == PaymentCategory.C ? drugsC : drugsAB).Add(i);
                    break;
                case CatalogListType.ChineseHerbalPieces:
                    herbs.Add(i);
                    break;
                case CatalogListType.MedicalService when it.Name.StartsWith("护理费", StringComparison.Ordinal):
                    nursing.Add(i);
                    break;
                case CatalogListType.MedicalService when it.Name.StartsWith("诊查费", StringComparison.Ordinal):
                    rounds.Add(i);
                    break;
                case CatalogListType.MedicalService when it.Name.Contains('术', StringComparison.Ordinal) && !restricted:
                    operations.Add(i);
                    break;
                case CatalogListType.MedicalService when !restricted && it.Restrictions.VisitTypes == VisitTypeSet.All:
                    services.Add(i);
                    break;
                case CatalogListType.MedicalConsumable when !restricted && it.Restrictions.MaxQuantityPerStay is null:
                    consumables.Add(i);
                    break;
                default:
                    break;
            }
        }

        _drugsAB = NonEmpty(drugsAB, catalog);
        _cheapDrugs = NonEmpty(drugsAB.Where(i => _price[i] <= 30m).ToList(), catalog);
        var infusion = services.Find(i => items[i].Name.StartsWith("静脉输液", StringComparison.Ordinal) && items[i].Category == PaymentCategory.A);
        _infusion = infusion > 0 ? infusion : services.Count > 0 ? services[0] : 0;

        // Everyday items at everyday prices (a county's price list), unless the catalog sets a 限价.
        void Fix(int index, decimal price)
        {
            if (index >= 0 && items[index].PriceCap is null)
            {
                _price[index] = price;
            }
        }

        nursing.ForEach(i => Fix(i, 20m));
        rounds.ForEach(i => Fix(i, 15m));
        Fix(_infusion, 8m);
        Fix(catalog.IndexOf(GeneralConsultCode), 10m);
        Fix(catalog.IndexOf(BloodCountCode), 20m);
        Fix(catalog.IndexOf(CtCode), 150m);
        Fix(catalog.IndexOf(UltrasoundCode), 80m);
        Fix(catalog.IndexOf(DialysisCode), 400m);
        Fix(catalog.IndexOf(SyringeCode), 0.5m);
        _drugsC = NonEmpty(drugsC, catalog);
        _services = NonEmpty(services, catalog);
        _consumables = NonEmpty(consumables, catalog);
        _nursing = nursing.Count > 0 ? [.. nursing] : _services;
        _rounds = rounds.Count > 0 ? [.. rounds] : _services;
        _operations = operations.Count > 0 ? [.. operations] : _services;
        _herbs = herbs.Count > 0 ? [.. herbs] : _drugsAB;

        foreach (var inst in institutions.Where(i => i.Status == AgreementStatus.Active))
        {
            var area = inst.AreaCode ?? "";
            var township = area.Length >= 9 ? area[..9] : area;
            switch (inst.Type)
            {
                case InstitutionType.VillageClinic:
                    Bucket(_clinicsByVillage, area).Add(inst);
                    Bucket(_clinicsByTownship, township).Add(inst);
                    break;
                case InstitutionType.PrimaryCare:
                    _healthCentreByTownship.TryAdd(township, inst);
                    break;
                case InstitutionType.Pharmacy:
                    Bucket(_pharmaciesByTownship, township).Add(inst);
                    break;
                default:
                    break;
            }
        }

        _pharmacies = institutions.Where(i => i.Status == AgreementStatus.Active && i.Type == InstitutionType.Pharmacy).ToList();
        _healthCentres = institutions.Where(i => i.Status == AgreementStatus.Active && i.Type == InstitutionType.PrimaryCare).ToList();
        _countyHospitals = institutions.Where(i => i.Status == AgreementStatus.Active && i.Type == InstitutionType.Hospital).ToList();
        if (_countyHospitals.Count == 0)
        {
            _countyHospitals = _healthCentres;
        }
    }

    public DemoCareCounts Counts { get; } = new();

    /// <summary>
    /// Generates and settles the year of care of <paramref name="persons"/> (with their enrollments, statuses and 职工个人账户 with
    /// their stored entries, by person id) into <paramref name="batch"/>.
    /// </summary>
    public void Generate(IReadOnlyList<Person> persons, ILookup<long, Enrollment> enrollments, ILookup<long, PersonSpecialStatus> statuses,
        IReadOnlyDictionary<long, PersonalAccountRecord> accounts, DemoCareBatch batch)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(enrollments);
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var person in persons)
        {
            var personEnrollments = enrollments[person.Id].ToList();
            foreach (var e in personEnrollments)
            {
                e.Events.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            }

            var main = personEnrollments.FirstOrDefault(e => e.InsuranceType is InsuranceType.EmployeeBasic)
                ?? personEnrollments.FirstOrDefault(e => e.InsuranceType is InsuranceType.ResidentBasic);
            if (main is null)
            {
                continue;
            }

            var coverage = new PersonCoverage(person.Id, person.BirthDate, personEnrollments, statuses[person.Id]);
            var account = accounts.TryGetValue(person.Id, out var a) ? new DemoAccount(a) : null;
            var insutype = RegistryLookups.Code(main.InsuranceType);
            var review = _reviewer is null ? null
                : new DemoReview(InlineReviewInput.Person(person, insutype, personEnrollments.Select(x => (x.InsuranceType, x.BeginDate, x.EndDate, x.TerminationReason))));
            GeneratePerson(person, insutype, coverage, account, review, batch);
        }
    }

    private enum Kind
    {
        Outpatient,
        Pharmacy,
        Chronic,
        Inpatient,
    }

    private sealed record Plan(Kind Kind, DateOnly Begin, DateOnly End, Institution Institution, string Diagnosis, string? Chronic, int Stay);

    /// <summary>A person's stored account (entries in date order) and the payments generated so far.</summary>
    private sealed class DemoAccount(PersonalAccountRecord stored)
    {
        private readonly List<PersonalAccountEntryRecord> _stored = [.. stored.Entries.OrderBy(e => e.EntryDate).ThenBy(e => e.Id)];

        public PersonalAccountRecord Stored => stored;

        public List<PersonalAccountEntryRecord> Payments { get; } = [];

        /// <summary>
        /// The paying account as <see cref="AccountPayment.PrepareAsync"/> would find it when settling on <paramref name="date"/>:
        /// none before the account was opened or after it was closed, else the stored entries dated up to that day and the
        /// earlier payments.
        /// </summary>
        public AccountPayment On(DateOnly date)
        {
            if (stored.OpenedOn > date || stored.ClosedOn is { } closed && closed <= date)
            {
                return AccountPayment.None;
            }

            var view = new PersonalAccountRecord { Id = stored.Id, PersonId = stored.PersonId, PoolAreaCode = stored.PoolAreaCode, OpenedOn = stored.OpenedOn };
            view.Entries.AddRange(_stored.TakeWhile(e => e.EntryDate <= date));
            view.Entries.AddRange(Payments);
            return AccountPayment.Own(view);
        }
    }

    /// <summary>The person as the 事中 rules see them and their settled encounters so far (the history a live check reads).</summary>
    private sealed record DemoReview(ReviewPerson Person)
    {
        public List<ReviewEncounter> Settled { get; } = [];
    }

    private void GeneratePerson(Person person, string insutype, PersonCoverage coverage, DemoAccount? account, DemoReview? review, DemoCareBatch batch)
    {
        var rng = DemoRandom.Derive(_seed, (ulong)person.Id);
        var age = Year - person.BirthDate.Year;
        var female = person.Gender == Gender.Female;
        var plans = new List<Plan>();
        var filings = new List<OutOfAreaFiling>();
        var area = person.AreaCode ?? "";
        var township = area.Length >= 9 ? area[..9] : area;

        // 异地就医备案 with care at the destination.
        if (_remote.Count > 0 && age >= 16 && rng.Chance(FilingShare))
        {
            var dest = rng.Pick(_remote);
            var roll = rng.NextDouble();
            var type = roll < 0.40 ? FilingType.LongTermResidence : roll < 0.60 ? FilingType.WorkingAway : roll < 0.85 ? FilingType.Referral : FilingType.Temporary;
            var begin = YearStart.AddDays(rng.Between(0, 180));
            DateOnly? end = type switch
            {
                FilingType.Referral => begin.AddMonths(3),
                FilingType.Temporary => begin.AddMonths(rng.Between(1, 5)),
                _ => null,
            };
            var filing = new OutOfAreaFiling
            {
                FilingNo = string.Create(Inv, $"BA{Year}{++_filingNo:D8}"),
                PersonId = person.Id,
                PsnNo = person.PersonNo,
                Insutype = insutype,
                Type = type,
                PoolAreaCode = person.PoolAreaCode,
                DestinationCode = dest.PoolAreaCode,
                DestinationName = dest.Address ?? dest.PoolAreaCode,
                DestinationHospitalCode = type == FilingType.Referral ? dest.Code : null,
                DestinationHospitalName = type == FilingType.Referral ? dest.Name : null,
                ReferringInstitution = type == FilingType.Referral ? _countyHospitals[0].Name : null,
                BeginDate = begin,
                EndDate = end,
                Reason = type switch
                {
                    FilingType.LongTermResidence => "随子女异地长期居住",
                    FilingType.WorkingAway => "常驻异地工作",
                    FilingType.Referral => "本县医疗条件不能满足诊治需要，转上级医院",
                    _ => "临时外出期间就医",
                },
                CreatedBy = "演示数据",
                CreatedAt = ToUtc(begin),
            };
            filings.Add(filing);
            var last = end ?? YearEnd;
            var visits = rng.Between(1, 3);
            for (var v = 0; v < visits; v++)
            {
                var day = begin.AddDays(rng.Between(0, Math.Max(0, last.DayNumber - begin.DayNumber)));
                if (v == 0 && (type == FilingType.Referral || rng.Chance(0.5)))
                {
                    var stay = rng.Between(7, 25);
                    day = day.DayNumber + stay > YearEnd.DayNumber ? YearEnd.AddDays(-stay) : day;
                    plans.Add(new Plan(Kind.Inpatient, day, day.AddDays(stay), dest, PickInpatientDiagnosis(rng, age, female, 3), null, stay));
                }
                else
                {
                    plans.Add(new Plan(Kind.Outpatient, day, day, dest, PickOutpatientDiagnosis(rng, age), null, 0));
                }
            }
        }

        // 门诊慢特病: monthly visits at the township health centre or the county hospital.
        var chronicShare = age >= 60 ? 0.10 : age >= 40 ? 0.04 : 0.003;
        if (rng.Chance(chronicShare))
        {
            var roll = rng.NextDouble();
            var (code, dx) = roll < 0.55 ? ("HBP", "I10.x00") : roll < 0.90 ? ("DM", "E11.900") : roll < 0.95 ? ("CA", "C34.900") : ("ESRD", "N18.500");
            var inst = code is "CA" or "ESRD" ? rng.Pick(_countyHospitals) : HealthCentre(rng, township);
            var visits = code == "ESRD" ? 24 : rng.Between(6, 12);
            var step = 360 / visits;
            var start = rng.Between(0, Math.Max(0, step - 1));
            for (var v = 0; v < visits; v++)
            {
                var day = YearStart.AddDays(Math.Min(364, start + (v * step) + rng.Between(0, 3)));
                plans.Add(new Plan(Kind.Chronic, day, day, inst, dx, code, 0));
            }
        }

        // Admissions: about 16% of insured people, more among the old and the very young.
        var admitShare = age >= 65 ? 0.30 : age >= 50 ? 0.17 : age < 5 ? 0.14 : 0.09;
        if (rng.Chance(admitShare))
        {
            var r = rng.NextDouble();
            var count = r < 0.78 ? 1 : r < 0.95 ? 2 : 3;
            var segment = 365 / count;
            for (var a = 0; a < count; a++)
            {
                var levelRoll = rng.NextDouble();
                Institution inst;
                int stay;
                if (levelRoll < 0.03 && _remote.Count > 0)
                {
                    inst = rng.Pick(_remote); // 异地未备案 unless the person happens to hold a filing
                    stay = rng.Between(6, 24);
                }
                else if (levelRoll < 0.28)
                {
                    inst = HealthCentre(rng, township);
                    stay = rng.Between(3, 10);
                }
                else
                {
                    inst = PickCountyHospital(rng, female, age);
                    stay = 3 + Geometric(rng, 6.5, 25);
                }

                var start = (a * segment) + rng.Between(0, Math.Max(0, segment - stay - 1));
                var begin = YearStart.AddDays(Math.Min(start, 364 - stay));
                plans.Add(new Plan(Kind.Inpatient, begin, begin.AddDays(stay), inst, PickInpatientDiagnosis(rng, age, female, (int)inst.Level), null, stay));
            }
        }

        // 普通门诊 and pharmacy purchases.
        var outpatient = Poisson(rng, age < 7 ? 2.6 : age < 18 ? 1.3 : age < 60 ? 1.3 : 2.2);
        for (var v = 0; v < outpatient; v++)
        {
            var day = YearStart.AddDays(rng.Between(0, 364));
            var inst = rng.Chance(0.7) ? VillageClinic(rng, area, township) : HealthCentre(rng, township);
            plans.Add(new Plan(Kind.Outpatient, day, day, inst, PickOutpatientDiagnosis(rng, age), null, 0));
        }

        var purchases = Poisson(rng, age < 18 ? 0.35 : 0.95);
        for (var v = 0; v < purchases && _pharmacies.Count > 0; v++)
        {
            var day = YearStart.AddDays(rng.Between(0, 364));
            plans.Add(new Plan(Kind.Pharmacy, day, day, Pharmacy(rng, township), "J06.900", null, 0));
        }

        // Nobody visits a clinic while in hospital: drop outpatient events inside a stay; then settle in date order.
        var stays = plans.Where(p => p.Kind == Kind.Inpatient).OrderBy(p => p.Begin).ToList();
        plans.RemoveAll(p => p.Kind != Kind.Inpatient && stays.Exists(s => p.Begin >= s.Begin && p.Begin <= s.End));
        for (var i = 1; i < stays.Count; i++)
        {
            // Overlapping admissions (a filed admission and a local one): keep the first.
            if (stays[i].Begin <= stays[i - 1].End)
            {
                plans.Remove(stays[i]);
                stays.RemoveAt(i--);
            }
        }

        plans.Sort((a, b) => a.End != b.End ? a.End.CompareTo(b.End) : a.Begin.CompareTo(b.Begin));

        batch.Filings.AddRange(filings);
        Counts.Filings += filings.Count;
        var before = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var settled = 0;
        foreach (var plan in plans)
        {
            if (Settle(person, insutype, coverage, account, review, filings, plan, rng, before, batch) is { } after)
            {
                before = after;
                settled++;
            }
        }

        if (settled > 0)
        {
            batch.Accumulators.Add(new PersonAccumulator
            {
                Id = ++_accumulatorId,
                PersonId = person.Id,
                Year = Year,
                ValuesJson = OnlineSettlement.WriteAccumulators(before),
                Version = settled,
                UpdatedAt = batch.Settlements[^1].CreatedAt,
            });
            Counts.Accumulators++;
        }
        else if (filings.Count == 0 && OnlineSettlement.Coverage(person, coverage, _waiting, insutype, YearStart).Error is null
                 && OnlineSettlement.Coverage(person, coverage, _waiting, insutype, YearEnd).Error is null)
        {
            batch.WithoutCare.Add(person);
        }
    }

    private Dictionary<string, decimal>? Settle(Person person, string insutype, PersonCoverage coverage, DemoAccount? account, DemoReview? review,
        List<OutOfAreaFiling> filings, Plan plan, DemoRandom rng,
        Dictionary<string, decimal> before, DemoCareBatch batch)
    {
        var (snap, error) = OnlineSettlement.Coverage(person, coverage, _waiting, insutype, plan.Begin);
        var policy = _policy(insutype, plan.Begin);
        if (error is not null || policy is null)
        {
            Counts.Skipped++; // not entitled on that day (waiting period, unpaid contribution): no settlement, the person pays
            return null;
        }

        var inst = plan.Institution;
        var inpatient = plan.Kind == Kind.Inpatient;
        var e = new MedicalEncounter
        {
            Id = ++_encounterId,
            MdtrtId = string.Create(Inv, $"M{plan.Begin:yyyyMMdd}D{_encounterId:D10}"),
            InstitutionId = inst.Id,
            PersonId = person.Id,
            PsnNo = person.PersonNo,
            Insutype = insutype,
            MedType = plan.Kind switch
            {
                Kind.Inpatient => VisitType.Inpatient,
                Kind.Chronic => VisitType.ChronicOutpatient,
                _ => VisitType.GeneralOutpatient,
            },
            BeginDate = plan.Begin,
            DiseCodg = plan.Diagnosis,
            ChronicDisease = plan.Chronic,
            PoolAreaCode = person.PoolAreaCode,
            Status = EncounterStatus.Settled,
            CreatedAt = ToUtc(plan.Begin),
        };
        if (inpatient)
        {
            e.IptOtpNo = string.Create(Inv, $"ZY{_encounterId:D10}");
            e.AdmDeptCodg = plan.Diagnosis[0] switch { 'O' => "A05", 'C' => "A04", 'K' or 'H' => "A02", _ => "A03" };
            e.AdmBed = string.Create(Inv, $"{rng.Between(1, 60):D2}床");
            e.EndDate = plan.End;
            e.DscgMaindiagCode = plan.Diagnosis;
            e.DscgWay = "1";
        }

        var lines = new List<FeeDetail>();
        switch (plan.Kind)
        {
            case Kind.Inpatient:
                InpatientLines(rng, e, plan, lines);
                break;
            case Kind.Chronic:
                ChronicLines(rng, e, plan, lines);
                break;
            case Kind.Pharmacy:
                PharmacyLines(rng, e, lines);
                break;
            default:
                OutpatientLines(rng, e, inst, lines);
                break;
        }

        var place = OutOfAreaFilings.ResolvePlace(filings, insutype, person.PoolAreaCode, inst.PoolAreaCode, plan.Begin);
        var setlDate = plan.End;
        var paying = account?.On(setlDate) ?? AccountPayment.None;
        var input = SettlementBuilder.Inputs(person, snap!, e, inst, place, lines, inpatient, plan.End, paying.Balance, paying.Insutype);
        var setlId = string.Create(Inv, $"S{setlDate:yyyyMMdd}D{_settlementId + 1:D10}");

        // 事中智能审核 before the calculation, as 2207/2304 do (InlineReviewInput.CheckAsync, here over the history in memory).
        InlineReviewResult? findings = null;
        ReviewEncounter? reviewed = null;
        int[] supply = [];
        if (_reviewer is not null && review is not null)
        {
            supply = SupplyDaysOf(lines);
            reviewed = InlineReviewInput.Current(e, inst, input.Encounter, input.Fee, supply);
            var end = reviewed.DischargeDate;
            var history = review.Settled.FindAll(h => InlineReviewInput.InHistoryWindow(h.AdmissionDate, end));
            findings = _reviewer.Check(review.Person, reviewed, history);
            Counts.Reviewed++;
            Counts.ReviewDeductedLines += findings.Deductions.Count;
            Counts.ReviewWarnings += findings.Warnings.Count;
            foreach (var d in findings.Deductions)
            {
                Counts.ReviewDeductedAmount += lines[d.Line].DetItemFeeSumamt;
            }
        }

        var computed = SettlementBuilder.Compute(policy, _catalog, input, before, place, e, inst, lines, findings, _ruleSetId, setlId, setlDate, ToUtc(setlDate).AddHours(6), paying);
        if (reviewed is not null
            && InlineReviewInput.History(inst.Id, inst.Level, inst.Type, e.MedType, e.Insutype, e.BeginDate, e.EndDate, e.DiseCodg, e.DscgMaindiagCode, input.Fee,
                supply) is { } settled)
        {
            review!.Settled.Add(settled);
        }
        var record = computed.Record;
        record.Id = ++_settlementId;
        var postings = SettleOutpatientHandler.Postings(record, inst.Id);
        if (postings.Count > 0)
        {
            var entry = inpatient
                ? JournalEntry.Create(setlDate, $"住院结算 {setlId}（{inst.Name}）", SettleOutpatientHandler.InpatientSourceType, setlId, postings)
                : JournalEntry.Create(setlDate, $"门诊结算 {setlId}（{inst.Name}）", SettleOutpatientHandler.SourceType, setlId, postings);
            entry.Id = ++_entryId;
            foreach (var l in entry.Lines)
            {
                l.Id = ++_lineId;
                l.JournalEntryId = entry.Id;
            }

            // 个人账户支付: the 支付 entry on this journal entry, as 2207/2304 record it (AccountPayment.Post).
            if (paying.Post(record, entry) is { } paid)
            {
                paid.Id = ++_accountEntryId;
                paid.AccountId = account!.Stored.Id;
                paid.JournalEntryId = entry.Id;
                account.Payments.Add(paid);
                batch.AccountEntries.Add(paid);
                Counts.AccountPayments++;
                Counts.AcctPaySumamt += record.AcctPay;
            }

            record.JournalEntryId = entry.Id;
            batch.JournalEntries.Add(entry);
            Counts.JournalEntries++;
            Counts.JournalLines += entry.Lines.Count;
        }

        batch.Encounters.Add(e);
        batch.FeeDetails.AddRange(lines);
        batch.Settlements.Add(record);
        Counts.Settlements++;
        Counts.FeeLines += lines.Count;
        Counts.MedfeeSumamt += record.MedfeeSumamt;
        Counts.FundPaySumamt += record.FundPaySumamt;
        Counts.NonLocal += place.Place == Domain.Policies.Place.Local ? 0 : 1;
        switch (plan.Kind)
        {
            case Kind.Inpatient:
                Counts.Inpatient++;
                break;
            case Kind.Chronic:
                Counts.Chronic++;
                break;
            case Kind.Pharmacy:
                Counts.Pharmacy++;
                break;
            default:
                Counts.Outpatient++;
                break;
        }

        return computed.After;
    }

    private void OutpatientLines(DemoRandom rng, MedicalEncounter e, Institution inst, List<FeeDetail> lines)
    {
        var n = rng.Between(2, 8);
        Add(rng, e, lines, GeneralConsultCode, 1m, e.BeginDate);
        if (inst.Type != InstitutionType.VillageClinic && rng.Chance(0.4))
        {
            Add(rng, e, lines, BloodCountCode, 1m, e.BeginDate);
        }

        while (lines.Count < n)
        {
            var roll = rng.NextDouble();
            if (roll < 0.12)
            {
                AddIndex(rng, e, lines, rng.Pick(_services), 1m, e.BeginDate);
            }
            else if (roll < 0.20)
            {
                Add(rng, e, lines, SyringeCode, rng.Between(1, 3), e.BeginDate);
            }
            else
            {
                AddDrug(rng, e, lines, e.BeginDate);
            }
        }
    }

    private void PharmacyLines(DemoRandom rng, MedicalEncounter e, List<FeeDetail> lines)
    {
        var n = rng.Between(1, 5);
        for (var i = 0; i < n; i++)
        {
            if (rng.Chance(0.1))
            {
                AddIndex(rng, e, lines, rng.Pick(_herbs), rng.Between(10, 60), e.BeginDate);
            }
            else
            {
                AddDrug(rng, e, lines, e.BeginDate);
            }
        }
    }

    private void ChronicLines(DemoRandom rng, MedicalEncounter e, Plan plan, List<FeeDetail> lines)
    {
        Add(rng, e, lines, GeneralConsultCode, 1m, e.BeginDate);
        switch (plan.Chronic)
        {
            case "HBP":
                Add(rng, e, lines, "XC08CAA003A001010100005", rng.Between(1, 3), e.BeginDate);
                break;
            case "DM":
                Add(rng, e, lines, "XA10BAA015A001010100004", rng.Between(1, 3), e.BeginDate);
                Add(rng, e, lines, BloodCountCode, 1m, e.BeginDate);
                break;
            case "ESRD":
                Add(rng, e, lines, DialysisCode, 1m, e.BeginDate);
                break;
            default:
                Add(rng, e, lines, "XL01XC079B001010100003", rng.Between(1, 2), e.BeginDate);
                Add(rng, e, lines, CtCode, 1m, e.BeginDate);
                break;
        }

        var extra = rng.Between(0, 4);
        for (var i = 0; i < extra; i++)
        {
            AddDrug(rng, e, lines, e.BeginDate);
        }
    }

    private void InpatientLines(DemoRandom rng, MedicalEncounter e, Plan plan, List<FeeDetail> lines)
    {
        const int MaxLines = 600;
        var level = (int)plan.Institution.Level;
        var stay = Math.Max(1, plan.Stay);

        // The stay's regimen: drugs given every day (with some changes), more at higher levels.
        var regimenSize = level switch { >= 3 => rng.Between(30, 60), 2 => rng.Between(25, 55), _ => rng.Between(12, 30) };
        var regimen = new int[regimenSize];
        for (var i = 0; i < regimen.Length; i++)
        {
            regimen[i] = rng.Chance(0.05) ? rng.Pick(_drugsC) : rng.Chance(0.9) ? rng.Pick(_cheapDrugs) : rng.Pick(_drugsAB);
        }

        // About a third of the regimen is given by infusion: one 静脉输液 charge per bottle.
        var infusions = regimen.Length / 3;

        // Admission day: tests and examinations.
        Add(rng, e, lines, BloodCountCode, 1m, plan.Begin);
        Add(rng, e, lines, UltrasoundCode, 1m, plan.Begin);
        if (level >= 2)
        {
            Add(rng, e, lines, CtCode, 1m, plan.Begin);
        }

        var tests = rng.Between(3, 6 + (level * 3));
        for (var i = 0; i < tests; i++)
        {
            AddIndex(rng, e, lines, rng.Pick(_services), 1m, plan.Begin);
        }

        if (plan.Diagnosis[0] is 'K' or 'H' or 'O' || (level >= 2 && rng.Chance(0.25)))
        {
            var opDay = plan.Begin.AddDays(Math.Min(1, stay - 1));
            AddIndex(rng, e, lines, rng.Pick(_operations), 1m, opDay);
            AddIndex(rng, e, lines, rng.Pick(_consumables), 1m, opDay);
        }

        for (var d = 0; d < stay && lines.Count < MaxLines - 3; d++)
        {
            var day = plan.Begin.AddDays(d);
            Add(rng, e, lines, BedCode, 1m, day);
            AddIndex(rng, e, lines, _nursing[(int)(e.Id % _nursing.Length)], 1m, day);
            AddIndex(rng, e, lines, _rounds[(int)(e.Id % _rounds.Length)], 1m, day);
            var taper = d < stay / 2 ? regimen.Length : Math.Max(3, regimen.Length * 2 / 3);
            for (var i = 0; i < taper && lines.Count < MaxLines - 3; i++)
            {
                if (rng.Chance(0.08))
                {
                    regimen[i] = rng.Pick(_cheapDrugs); // a drug changed during the stay
                }

                AddIndex(rng, e, lines, regimen[i], rng.Between(1, 2), day);
                if (i < infusions && lines.Count < MaxLines - 3)
                {
                    AddIndex(rng, e, lines, _infusion, 1m, day);
                }
            }

            if (rng.Chance(0.6) && lines.Count < MaxLines - 3)
            {
                Add(rng, e, lines, SyringeCode, rng.Between(1, 4), day);
            }

            if (rng.Chance(0.2) && lines.Count < MaxLines - 3)
            {
                AddIndex(rng, e, lines, rng.Pick(_services), 1m, day);
            }
        }
    }

    private void AddDrug(DemoRandom rng, MedicalEncounter e, List<FeeDetail> lines, DateOnly day)
    {
        var roll = rng.NextDouble();
        if (roll < 0.015)
        {
            // Not in the catalog (院内制剂, imported brand): 全自费 with the reason.
            var no = rng.Next(500);
            var pric = 5m + rng.Next(8000) / 100m;
            var cnt = (decimal)rng.Between(1, 3);
            lines.Add(new FeeDetail
            {
                Id = ++_feeId,
                EncounterId = e.Id,
                FeedetlSn = Sn(lines.Count),
                MedListCodg = string.Create(Inv, $"YN{no:D6}"),
                MedinsListName = string.Create(Inv, $"院内制剂{no:D3}号（目录外）"),
                Cnt = cnt,
                Pric = pric,
                DetItemFeeSumamt = decimal.Round(cnt * pric, 2, MidpointRounding.AwayFromZero),
                FeeOcurDate = day,
            });
            Counts.OutOfCatalogLines++;
            return;
        }

        AddIndex(rng, e, lines, roll < 0.08 ? rng.Pick(_drugsC) : roll < 0.85 ? rng.Pick(_cheapDrugs) : rng.Pick(_drugsAB), rng.Between(1, 2), day);
    }

    private void Add(DemoRandom rng, MedicalEncounter e, List<FeeDetail> lines, string code, decimal cnt, DateOnly day)
    {
        var i = _catalog.IndexOf(code);
        if (i < 0)
        {
            i = rng.Pick(_services);
        }

        AddIndex(rng, e, lines, i, cnt, day);
    }

    private void AddIndex(DemoRandom rng, MedicalEncounter e, List<FeeDetail> lines, int index, decimal cnt, DateOnly day)
    {
        var item = _catalog.Items[index];
        var pric = _price[index];
        if (item.PriceCap is not null && rng.Chance(0.03))
        {
            pric = decimal.Round(pric * 1.1m, 2, MidpointRounding.AwayFromZero); // above 限价: 超限价自付
        }

        if (item.Category == PaymentCategory.C)
        {
            Counts.ClassCLines++;
        }

        lines.Add(new FeeDetail
        {
            Id = ++_feeId,
            EncounterId = e.Id,
            FeedetlSn = Sn(lines.Count),
            MedListCodg = item.Code,
            MedinsListName = item.Name.Length > 200 ? item.Name[..200] : item.Name,
            Cnt = cnt,
            Pric = pric,
            DetItemFeeSumamt = decimal.Round(cnt * pric, 2, MidpointRounding.AwayFromZero),
            FeeOcurDate = day,
            MedcDays = SupplyDays(item.ListType, item.Code, e, lines.Count),
        });
    }

    /// <summary>
    /// 用药天数 medc_days of a drug line (null for other items): 1 a day in hospital, 3–14 days at an outpatient visit or a
    /// pharmacy, a month (sometimes two weeks) of a 慢特病 drug, and about 1 in 25 慢特病 prescriptions a 长处方 of 60 or 90 days —
    /// what makes 超量开药 (e.g. CL-001, 31 days a month) fire in the demo. Derived from the encounter and line number, not from
    /// the random stream, so the rest of the generated year is unchanged.
    /// </summary>
    internal static int? SupplyDays(CatalogListType listType, string code, MedicalEncounter e, int lineNo)
    {
        if (listType is not (CatalogListType.WesternMedicine or CatalogListType.ChinesePatentMedicine))
        {
            return null;
        }

        if (e.MedType == VisitType.Inpatient)
        {
            return 1;
        }

        var h = (ulong)e.Id * 0x9E3779B97F4A7C15UL ^ ((ulong)lineNo + 1) * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 29;
        var roll = (int)(h % 100);
        if (e.MedType == VisitType.ChronicOutpatient && (code.StartsWith("XA10", StringComparison.Ordinal) || code.StartsWith("XC08", StringComparison.Ordinal)))
        {
            return roll switch { < 2 => 90, < 4 => 60, < 14 => 14, _ => 30 };
        }

        return 3 + (roll % 12);
    }

    private static int[] SupplyDaysOf(List<FeeDetail> lines)
    {
        var days = new int[lines.Count];
        for (var i = 0; i < days.Length; i++)
        {
            days[i] = lines[i].MedcDays ?? 0;
        }

        return days;
    }

    private static string Sn(int i) => (i + 1).ToString("D4", Inv);

    private static string PickOutpatientDiagnosis(DemoRandom rng, int age) =>
        rng.NextDouble() switch
        {
            < 0.55 => "J06.900",
            < 0.70 => "J18.900",
            < 0.85 when age >= 40 => "I10.x00",
            < 0.95 when age >= 40 => "E11.900",
            _ => "J06.900",
        };

    private static string PickInpatientDiagnosis(DemoRandom rng, int age, bool female, int level)
    {
        if (female && age is >= 20 and <= 40 && rng.Chance(0.35))
        {
            return rng.Chance(0.4) ? "O82.000" : "O80.000";
        }

        var roll = rng.NextDouble();
        return roll switch
        {
            < 0.30 => "J18.900",
            < 0.45 when age >= 40 => "I21.900",
            < 0.55 => "K35.900",
            < 0.65 when age >= 50 => "H25.900",
            < 0.72 when level >= 2 && age >= 40 => rng.Chance(0.5) ? "C34.900" : "C18.900",
            < 0.82 when age >= 40 => "I10.x00",
            < 0.90 when age >= 40 => "E11.900",
            _ => "J18.900",
        };
    }

    private Institution VillageClinic(DemoRandom rng, string village, string township) =>
        _clinicsByVillage.TryGetValue(village, out var own) ? rng.Pick(own)
        : _clinicsByTownship.TryGetValue(township, out var near) ? rng.Pick(near)
        : HealthCentre(rng, township);

    private Institution HealthCentre(DemoRandom rng, string township) =>
        _healthCentreByTownship.TryGetValue(township, out var hc) ? hc
        : _healthCentres.Count > 0 ? rng.Pick(_healthCentres) : rng.Pick(_countyHospitals);

    private Institution Pharmacy(DemoRandom rng, string township) =>
        _pharmaciesByTownship.TryGetValue(township, out var own) && rng.Chance(0.8) ? rng.Pick(own) : rng.Pick(_pharmacies);

    private Institution PickCountyHospital(DemoRandom rng, bool female, int age)
    {
        var maternity = _countyHospitals.Find(h => h.Name.Contains("妇幼", StringComparison.Ordinal));
        if (maternity is not null && (age < 14 || (female && age is >= 20 and <= 40)) && rng.Chance(0.5))
        {
            return maternity;
        }

        var tcm = _countyHospitals.Find(h => h.Name.Contains("中医", StringComparison.Ordinal));
        return tcm is not null && rng.Chance(0.3) ? tcm : _countyHospitals[0];
    }

    private static int Poisson(DemoRandom rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit && k < 40)
        {
            k++;
            p *= rng.NextDouble();
        }

        return k;
    }

    private static int Geometric(DemoRandom rng, double mean, int max)
    {
        var u = Math.Max(rng.NextDouble(), 1e-12);
        var v = (int)Math.Floor(-Math.Log(u) * mean);
        return Math.Min(v, max);
    }

    /// <summary>A date at 10:00 China time, as UTC.</summary>
    public static DateTime ToUtc(DateOnly day) => day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);

    private static List<Institution> Bucket(Dictionary<string, List<Institution>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    private static int[] NonEmpty(List<int> pool, Catalog catalog) =>
        pool.Count > 0 ? [.. pool] : [.. Enumerable.Range(0, catalog.Items.Count)];
}
