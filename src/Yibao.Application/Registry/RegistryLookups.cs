using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>Shared look-ups of the registry use cases.</summary>
public static class RegistryLookups
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Today in China (UTC+8) from the injected clock.</summary>
    public static DateOnly TodayInChina(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    /// <summary>Finds a person by 人员编号 psn_no or 证件号码 certno (an 18/15-character valid ID number).</summary>
    public static Task<Person?> FindPersonAsync(this IAppDbContext db, string? key, CancellationToken ct = default) =>
        db.PersonsByKey(key).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The person a counter or an institution names by <paramref name="key"/>: the one with that 身份证号 first, else the one
    /// with that 人员编号 (one query).
    /// </summary>
    public static IQueryable<Person> PersonsByKey(this IAppDbContext db, string? key)
    {
        var k = (key ?? string.Empty).Trim();
        if (k.Length == 0)
        {
            return db.Persons.Where(p => false);
        }

        if (ResidentId.TryParse(k, out var id))
        {
            return db.Persons.Where(p => p.ResidentId == id || p.PersonNo == k).OrderBy(p => p.ResidentId == id ? 0 : 1);
        }

        return db.Persons.Where(p => p.PersonNo == k);
    }

    /// <summary>
    /// The person's enrollments (with events) and special statuses as one <see cref="PersonCoverage"/>, tracked for update.
    /// Raises the tracked person's <see cref="Person.CoverageVersion"/>: the save then succeeds only if nobody changed the
    /// person's coverage since this read (<see cref="CoverageChangedConcurrently"/> otherwise).
    /// </summary>
    public static async Task<PersonCoverage> LoadCoverageAsync(this IAppDbContext db, Person person, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        person.CoverageVersion++;
        var enrollments = await db.Enrollments.Include(e => e.Events).Where(e => e.PersonId == person.Id).ToListAsync(ct);
        foreach (var e in enrollments)
        {
            e.Events.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        var statuses = await db.PersonSpecialStatuses.Where(s => s.PersonId == person.Id).ToListAsync(ct);
        return new PersonCoverage(person.Id, person.BirthDate, enrollments, statuses);
    }

    public static Task<WaitingPolicy> LoadWaitingPolicyAsync(this IAppDbContext db, string poolAreaCode, CancellationToken ct = default) =>
        db.WaitingPolicyAsync(poolAreaCode, ct);

    public static AppError ToAppError(this DomainException ex) => new(ex.Code, ex.Message, ex.Field);

    public static AppError PersonNotFound(string? key) => new("person-not-found", $"人员：未找到人员编号或证件号码为“{key}”的参保人", "psn_no");

    /// <summary>The person's coverage was changed by another request between this request's read and its save.</summary>
    public static AppError CoverageChangedConcurrently() => new("concurrent-change",
        "参保信息：该人员的参保信息刚被另一笔同时提交的业务修改（例如重复提交的参保登记），本次操作未保存任何内容，请刷新后核对再办理", "psn_no");

    public static AppError EnrollmentNotFound(long id) => new("enrollment-not-found", $"参保记录：未找到编号为 {id} 的参保记录", "enrollment_id");

    public static bool IsInsuranceType(string? code) =>
        int.TryParse(code, NumberStyles.None, Invariant, out var v) && Enum.IsDefined((InsuranceType)v);

    public static bool IsCategory(string? code) =>
        int.TryParse(code, NumberStyles.None, Invariant, out var v) && Enum.IsDefined((PersonCategory)v);

    public static bool IsSpecialStatus(string? code) =>
        int.TryParse(code, NumberStyles.None, Invariant, out var v) && Enum.IsDefined((SpecialStatusType)v);

    public static InsuranceType ToInsuranceType(string code) => (InsuranceType)int.Parse(code, NumberStyles.None, Invariant);

    public static PersonCategory ToCategory(string code) => (PersonCategory)int.Parse(code, NumberStyles.None, Invariant);

    public static SpecialStatusType ToSpecialStatus(string code) => (SpecialStatusType)int.Parse(code, NumberStyles.None, Invariant);

    public static string Code<T>(T value) where T : struct, Enum => Convert.ToInt32(value, Invariant).ToString(Invariant);

    public const string InsutypeMessage = "险种：“{PropertyValue}”不是有效的险种代码（310/320/330/340/390/392/510）";
    public const string PsnTypeMessage = "人员类别：“{PropertyValue}”不是有效的人员类别代码（11 在职、12 退休、13 灵活就业、14 离休、21 学生/儿童、22 成年居民、23 老年居民）";

    /// <summary>Runs a change on one enrollment with the person's other enrollments loaded; one save, nothing partly written.</summary>
    public static async Task<AppResult<T>> ChangeEnrollmentAsync<T>(this IAppDbContext db, long enrollmentId,
        Func<PersonCoverage, Enrollment, T> change, CancellationToken ct)
    {
        var personId = await db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => (long?)e.PersonId).FirstOrDefaultAsync(ct);
        if (personId is null)
        {
            return AppResult<T>.Fail(EnrollmentNotFound(enrollmentId));
        }

        var person = await db.Persons.FirstAsync(p => p.Id == personId, ct);
        var coverage = await db.LoadCoverageAsync(person, ct);
        var enrollment = coverage.Enrollments.Single(e => e.Id == enrollmentId);
        T result;
        try
        {
            result = change(coverage, enrollment);
        }
        catch (DomainException ex)
        {
            return AppResult<T>.Fail(ex.ToAppError());
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppResult<T>.Fail(CoverageChangedConcurrently());
        }

        return AppResult<T>.Ok(result);
    }
}
