using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>The authenticated institution calling the settlement API (from its API key).</summary>
public sealed record InstitutionCaller(long InstitutionId, string FixmedinsCode);

/// <summary>Stable error codes of the online settlement transactions (the web layer maps them to HTTP status codes).</summary>
public static class SettlementErrors
{
    public const string PersonNotFound = "person-not-found";
    public const string EncounterNotFound = "encounter-not-found";
    public const string SettlementNotFound = "settlement-not-found";
    public const string InstitutionNotFound = "institution-not-found";
    public const string InstitutionSuspended = "institution-suspended";
    public const string NotCovered = "not-covered";
    public const string EnrollmentSuspended = "enrollment-suspended";
    public const string NotEntitled = "not-entitled";
    public const string PolicyNotFound = "policy-not-found";
    public const string EncounterNotOpen = "encounter-not-open";
    public const string AlreadySettled = "already-settled";
    public const string AlreadyCancelled = "already-cancelled";
    public const string DuplicateFeeDetail = "duplicate-fee-detail";
    public const string FeeDetailNotFound = "fee-detail-not-found";
    public const string NoFeeDetails = "no-fee-details";
    public const string TotalMismatch = "total-mismatch";
    public const string LineAmountMismatch = "line-amount-mismatch";
    public const string Validation = "validation-failed";
    public const string Concurrency = "concurrent-update";
    public const string OriginalMsgidNotFound = "original-msgid-not-found";
    public const string ReversalNotSupported = "reversal-not-supported";
    public const string WrongEncounterKind = "wrong-encounter-kind";
    public const string AdmissionOpen = "admission-open";
    public const string NotDischarged = "not-discharged";
    public const string AlreadyDischarged = "already-discharged";
    public const string HasSettlements = "has-settlements";
    public const string LaterSettlementExists = "later-settlement-exists";
    public const string ReviewRulesInvalid = "review-rules-invalid";

    public static AppError Error(string code, string message, string? field = null) => new(code, message, field);

    /// <summary>404-class codes (not found, or not the caller's: an institution never learns about others' data).</summary>
    public static bool IsNotFound(string code) => code is PersonNotFound or EncounterNotFound or SettlementNotFound or FeeDetailNotFound or InstitutionNotFound or OriginalMsgidNotFound;

    /// <summary>409-class codes (the state does not allow the operation).</summary>
    public static bool IsConflict(string code) => code is EncounterNotOpen or AlreadySettled or AlreadyCancelled or DuplicateFeeDetail or Concurrency
        or AdmissionOpen or NotDischarged or AlreadyDischarged or HasSettlements or LaterSettlementExists;

    /// <summary>403-class codes.</summary>
    public static bool IsForbidden(string code) => code is InstitutionSuspended;
}

/// <summary>Shared look-ups and mappings of the online settlement use cases.</summary>
public static class OnlineSettlement
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>med_type codes accepted by the outpatient transactions: 11 普通门诊, 14 门诊慢特病.</summary>
    public static bool IsOutpatientMedType(string? code) => code is "11" or "14";

    public static string NewId(char prefix, TimeProvider clock) =>
        string.Create(Invariant, $"{prefix}{clock.TodayInChina():yyyyMMdd}{Guid.NewGuid().ToString("N")[..16].ToUpperInvariant()}");

    /// <summary>The caller's institution, refused when its agreement is suspended or ended.</summary>
    public static async Task<(Institution? Institution, AppError? Error)> ActiveInstitutionAsync(this IAppDbContext db, InstitutionCaller caller, CancellationToken ct) =>
        Active(await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == caller.InstitutionId, ct), caller);

    private static (Institution? Institution, AppError? Error) Active(Institution? inst, InstitutionCaller caller)
    {
        if (inst is null)
        {
            return (null, SettlementErrors.Error(SettlementErrors.InstitutionNotFound, $"定点医药机构：编号 {caller.FixmedinsCode} 不存在", "fixmedins_code"));
        }

        return inst.Status == AgreementStatus.Active
            ? (inst, null)
            : (null, SettlementErrors.Error(SettlementErrors.InstitutionSuspended,
                $"定点医药机构：{inst.Name}（{inst.Code}）协议状态为{(inst.Status == AgreementStatus.Suspended ? "暂停" : "解除")}，不能办理联网结算", "fixmedins_code"));
    }

    /// <summary>
    /// The caller's institution (refused unless its agreement is active) and its own encounter <paramref name="mdtrtId"/>
    /// (tracked, with its fee lines when <paramref name="withLines"/>), read in one query; when the encounter is not the
    /// caller's, the institution's own error comes first, as with <see cref="ActiveInstitutionAsync"/> then
    /// <see cref="OwnEncounterAsync"/>.
    /// </summary>
    public static async Task<(Institution? Institution, MedicalEncounter? Encounter, AppError? Error)> ActiveInstitutionAndEncounterAsync(this IAppDbContext db,
        InstitutionCaller caller, string mdtrtId, bool withLines, CancellationToken ct)
    {
        var encounters = db.MedicalEncounters.Where(e => e.MdtrtId == mdtrtId && e.InstitutionId == caller.InstitutionId);
        if (withLines)
        {
            encounters = encounters.Include(e => e.FeeDetails);
        }

        var found = await encounters.Join(db.Institutions, e => e.InstitutionId, i => i.Id, (e, i) => new { Encounter = e, Institution = i }).FirstOrDefaultAsync(ct);
        return await WithInstitutionAsync(db, caller, mdtrtId, found?.Institution, found?.Encounter, ct);
    }

    private static async Task<(Institution? Institution, T? Found, AppError? Error)> WithInstitutionAsync<T>(IAppDbContext db, InstitutionCaller caller, string mdtrtId,
        Institution? institution, T? found, CancellationToken ct)
        where T : class
    {
        if (found is null)
        {
            var (_, instError) = await db.ActiveInstitutionAsync(caller, ct);
            return (null, null, instError ?? EncounterNotFound(mdtrtId));
        }

        var (inst, error) = Active(institution, caller);
        return error is null ? (inst, found, null) : (null, null, error);
    }

    /// <summary>The caller's own encounter (others' encounters are "not found").</summary>
    public static async Task<MedicalEncounter?> OwnEncounterAsync(this IAppDbContext db, InstitutionCaller caller, string mdtrtId, bool withLines, CancellationToken ct)
    {
        var q = db.MedicalEncounters.Where(e => e.MdtrtId == mdtrtId && e.InstitutionId == caller.InstitutionId);
        if (withLines)
        {
            q = q.Include(e => e.FeeDetails);
        }

        return await q.FirstOrDefaultAsync(ct);
    }

    public static AppError EncounterNotFound(string mdtrtId) =>
        SettlementErrors.Error(SettlementErrors.EncounterNotFound, $"就诊 ID mdtrt_id：本机构没有就诊“{mdtrtId}”", "mdtrt_id");

    /// <summary>Coverage of the person for <paramref name="insutype"/> on <paramref name="date"/>, with an error naming why not.</summary>
    public static async Task<(PersonSnapshotData? Data, AppError? Error)> CoverageAsync(this IAppDbContext db, Person person, string insutype, DateOnly date, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var (_, data, error) = await PersonCoverageAsync(db, db.Persons.Where(p => p.Id == person.Id), insutype, date, ct);
        return (data, error);
    }

    /// <summary>
    /// The person of <paramref name="persons"/> (the first, when it matches several) read untracked together with their
    /// enrollments (with events) and special statuses in one query — one round trip instead of three on every
    /// registration and settlement — and their coverage for <paramref name="insutype"/> on <paramref name="date"/>.
    /// The person is null (and no error given) when nobody matches.
    /// </summary>
    public static async Task<(Person? Person, PersonSnapshotData? Data, AppError? Error)> PersonCoverageAsync(this IAppDbContext db, IQueryable<Person> persons,
        string insutype, DateOnly date, CancellationToken ct)
    {
        var read = await CoverageReadAsync(db, persons, insutype, date, null, ct);
        return (read.Person, read.Data, read.Error);
    }

    /// <summary>
    /// As <see cref="PersonCoverageAsync"/>, in the same query also the person's accumulator row of
    /// <paramref name="accumulatorYear"/> when asked for (attached, so changes to it are saved and audited as usual): 2207
    /// saves a round trip. Null when the person is not found or has no row for the year.
    /// </summary>
    public static async Task<CoverageRead> CoverageReadAsync(this IAppDbContext db, IQueryable<Person> persons, string insutype, DateOnly date,
        int? accumulatorYear, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(persons);
        var loaded = await persons.AsNoTracking()
            .Select(p => new
            {
                Person = p,
                Enrollments = db.Enrollments.Include(e => e.Events).Where(e => e.PersonId == p.Id).ToList(),
                Statuses = db.PersonSpecialStatuses.Where(s => s.PersonId == p.Id).ToList(),
                // At most one row, as a collection (a join; SQLite cannot translate a single-row subquery of an entity).
                Accumulators = db.PersonAccumulators.Where(a => a.PersonId == p.Id && a.Year == accumulatorYear).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (loaded is null)
        {
            return new CoverageRead(null, null, null, null);
        }

        foreach (var e in loaded.Enrollments)
        {
            e.Events.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        // As a tracking query would: the instance this context already tracks, else the row read, now tracked.
        var accumulator = loaded.Accumulators.FirstOrDefault();
        if (accumulator is not null)
        {
            var id = accumulator.Id;
            accumulator = db.PersonAccumulators.Local.FirstOrDefault(a => a.Id == id) ?? db.PersonAccumulators.Attach(accumulator).Entity;
        }

        var person = loaded.Person;
        var waiting = await db.LoadWaitingPolicyAsync(person.PoolAreaCode, ct);
        var (data, error) = Coverage(person, new PersonCoverage(person.Id, person.BirthDate, loaded.Enrollments, loaded.Statuses), waiting, insutype, date);
        return new CoverageRead(person, data, error, accumulator);
    }

    /// <summary>
    /// The pure part of <see cref="CoverageAsync"/>: <paramref name="coverage"/> holds the person's enrollments (events in
    /// sequence order) and special statuses; used directly by bulk paths that load many persons at once.
    /// </summary>
    public static (PersonSnapshotData? Data, AppError? Error) Coverage(Person person, PersonCoverage coverage, WaitingPolicy waiting, string insutype, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(coverage);
        var eligibility = coverage.On(date, waiting);
        var type = (InsuranceType)int.Parse(insutype, NumberStyles.None, Invariant);
        var cov = eligibility.For(type);
        if (cov is null)
        {
            return (null, SettlementErrors.Error(SettlementErrors.NotCovered, $"险种 insutype：{person.Name}（{person.PersonNo}）在 {date:yyyy-MM-dd} 未参加{RegistryNames.Of(type)}（{insutype}）", "insutype"));
        }

        if (cov.Status == EnrollmentStatus.Suspended)
        {
            return (null, SettlementErrors.Error(SettlementErrors.EnrollmentSuspended, $"参保状态：{person.Name}（{person.PersonNo}）的{RegistryNames.Of(type)}在 {date:yyyy-MM-dd} 处于暂停参保状态，不能享受待遇", "insutype"));
        }

        if (!cov.Entitled)
        {
            return (null, SettlementErrors.Error(SettlementErrors.NotEntitled, $"待遇享受：{person.Name}（{person.PersonNo}）的{RegistryNames.Of(type)}在 {date:yyyy-MM-dd} 不在待遇享受期内（等待期或未缴费）", "insutype"));
        }

        var held = eligibility.Coverages.Where(c => c.Entitled && c.Status != EnrollmentStatus.Suspended)
            .OrderBy(c => c.InsuranceType == type ? 0 : 1)
            .Select(c => RegistryLookups.Code(c.InsuranceType)).ToList();
        var policyStatuses = eligibility.SpecialStatuses.Select(s => PolicyStatusCode(s.Type)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var age = date.Year - person.BirthDate.Year - (date < person.BirthDate.AddYears(date.Year - person.BirthDate.Year) ? 1 : 0);
        return (new PersonSnapshotData(held, PolicyCategoryCode(cov.Category), policyStatuses, Math.Max(age, 0), person.Gender), null);
    }

    /// <summary>Registry 人员类别 → the policy file's person category codes (11 在职, 12 退休, 21 成年居民, 22 学生儿童, 31 离休).</summary>
    public static string PolicyCategoryCode(PersonCategory c) => c switch
    {
        PersonCategory.InService or PersonCategory.FlexibleEmployed => "11",
        PersonCategory.Retired => "12",
        PersonCategory.RetiredCadre => "31",
        PersonCategory.AdultResident or PersonCategory.ElderlyResident => "21",
        PersonCategory.StudentOrChild => "22",
        _ => "00",
    };

    /// <summary>Registry 特殊身份 → the policy file's status codes.</summary>
    public static string? PolicyStatusCode(SpecialStatusType s) => s switch
    {
        SpecialStatusType.Destitute => "tekun",
        SpecialStatusType.MinimumLiving => "dibao",
        SpecialStatusType.PovertyAlleviated => "tuopin",
        SpecialStatusType.MonitoredAgainstPoverty => "jiance",
        SpecialStatusType.DisabledVeteran => "shangcan",
        _ => null,
    };

    public static Dictionary<string, decimal> ReadAccumulators(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? new(StringComparer.Ordinal);

    public static string WriteAccumulators(IReadOnlyDictionary<string, decimal> values) =>
        JsonSerializer.Serialize(values.Where(kv => kv.Value != 0m).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), Json);

    /// <summary>Runs <paramref name="work"/> in the ambient transaction, or in a new one committed on success.</summary>
    public static async Task<AppResult<T>> InTransactionAsync<T>(this IAppDbContext db, Func<Task<AppResult<T>>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        if (result.Succeeded)
        {
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }

        return result;
    }
}

/// <summary>What <see cref="OnlineSettlement.CoverageReadAsync"/> read: the person, their coverage (or why not), and the accumulator row asked for.</summary>
public sealed record CoverageRead(Person? Person, PersonSnapshotData? Data, AppError? Error, PersonAccumulator? Accumulator);

/// <summary>What the calculator needs from the registry for one person on one date.</summary>
public sealed record PersonSnapshotData(IReadOnlyList<string> Insutypes, string Category, IReadOnlyList<string> Statuses, int Age, Gender Gender);
