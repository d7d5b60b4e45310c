using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>
/// 参保登记批量导入: the records of an Excel or CSV file (header first; docs/formats/person-import.md), one new person with
/// one enrollment per row. All-or-nothing: every row is checked (证件号码 check character and birth date, duplicates in the
/// file and in the registry, 户号, 单位编号, the enrollment rules of <see cref="PersonCoverage"/>) and any error means nothing
/// is written. Valid files go through the bulk path (<see cref="IPersonImportWriter"/>) in one transaction with one audit entry.
/// </summary>
public sealed record ImportPersons(string FileName, IReadOnlyList<IReadOnlyList<string>> Records);

/// <summary>What was written: counts and the range of the new 人员编号.</summary>
public sealed record PersonImportSummary(string FileName, int Persons, int Enrollments, string FirstPersonNo, string LastPersonNo);

/// <summary>Outcome: the summary, or the row-by-row errors (then nothing was written).</summary>
public sealed record PersonImportOutcome(PersonImportSummary? Summary, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

/// <summary>Writes a validated import (ids assigned by the caller) in one transaction, with one summarizing audit entry.</summary>
public interface IPersonImportWriter
{
    Task WriteAsync(IReadOnlyList<Person> persons, IReadOnlyList<Enrollment> enrollments, PersonImportSummary summary, CancellationToken ct = default);
}

public sealed class ImportPersonsValidator : AbstractValidator<ImportPersons>
{
    public ImportPersonsValidator()
    {
        RuleFor(x => x.FileName).NotEmpty().WithMessage("文件名：不能为空").OverridePropertyName("file");
        RuleFor(x => x.FileName).Must(f => f is null || f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            .WithMessage("文件：只能是 .xlsx 或 .csv 文件").OverridePropertyName("file");
    }
}

public sealed class ImportPersonsHandler(IAppDbContext db, IPersonImportWriter writer, TimeProvider clock)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly ImportPersonsValidator Validator = new();

    public async Task<PersonImportOutcome> HandleAsync(ImportPersons command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return new PersonImportOutcome(null, validation.Errors.Select(e => PersonImportParser.FromRule(1, e.ErrorMessage, "文件")).ToList());
        }

        var today = clock.TodayInChina();
        var (rows, errors) = PersonImportParser.Parse(command.Records, today);
        if (errors.Any(e => e.Row == 1))
        {
            return new PersonImportOutcome(null, errors);
        }

        // Registry look-ups, once for the whole file.
        var registered = (await db.Persons.AsNoTracking().Select(p => p.ResidentId).ToListAsync(ct)).ToHashSet();
        var householdNos = rows.Where(r => r.HouseholdNo is not null).Select(r => r.HouseholdNo!).ToHashSet(StringComparer.Ordinal);
        var households = householdNos.Count == 0 ? new Dictionary<string, long>(StringComparer.Ordinal)
            : (await db.Households.AsNoTracking().Select(h => new { h.HouseholdNo, h.Id }).ToListAsync(ct))
                .Where(h => householdNos.Contains(h.HouseholdNo)).ToDictionary(h => h.HouseholdNo, h => h.Id, StringComparer.Ordinal);
        var employerNos = rows.Where(r => r.EmployerNo is not null).Select(r => r.EmployerNo!).ToHashSet(StringComparer.Ordinal);
        var employers = employerNos.Count == 0 ? new Dictionary<string, Employer>(StringComparer.Ordinal)
            : (await db.Employers.AsNoTracking().Where(e => employerNos.Contains(e.EmployerNo)).ToListAsync(ct)).ToDictionary(e => e.EmployerNo, StringComparer.Ordinal);

        var persons = new List<Person>(rows.Count);
        var enrollments = new List<Enrollment>(rows.Count);
        foreach (var row in rows)
        {
            if (registered.Contains(row.Certno))
            {
                errors.Add(new ImportRowError(row.Row, PersonImportParser.Certno, $"{RegisterPersonHandler.Mask(row.Certno.Value)} 已登记，不能重复登记"));
            }

            long? householdId = null;
            if (row.HouseholdNo is { } hno)
            {
                if (households.TryGetValue(hno, out var hid))
                {
                    householdId = hid;
                }
                else
                {
                    errors.Add(new ImportRowError(row.Row, PersonImportParser.HouseholdNo, $"未找到户号“{hno}”"));
                }
            }

            Employer? employer = null;
            if (row.EmployerNo is { } eno && !employers.TryGetValue(eno, out employer))
            {
                errors.Add(new ImportRowError(row.Row, PersonImportParser.EmployerNo, $"未找到单位编号“{eno}”"));
                continue;
            }

            // The same rules as 人员参保登记 (EnrollPersonHandler.Apply over an empty PersonCoverage).
            Enrollment enrollment;
            try
            {
                var coverage = new PersonCoverage(0, row.Certno.BirthDate, [], []);
                enrollment = EnrollPersonHandler.Apply(coverage,
                    new EnrollPerson(row.Certno.Value, RegistryLookups.Code(row.Insutype), RegistryLookups.Code(row.Category), row.BeginDate, row.EmployerNo),
                    employer, row.PoolAreaCode, today);
            }
            catch (DomainException ex)
            {
                errors.Add(PersonImportParser.FromRule(row.Row, ex.Message, PersonImportParser.Insutype));
                continue;
            }

            // Once the file has an error nothing will be written: keep checking, stop building.
            if (errors.Count > 0)
            {
                continue;
            }

            var person = Person.FromResidentId(row.Certno, "", row.Name, row.PoolAreaCode);
            person.HouseholdId = householdId;
            person.Phone = row.Phone;
            person.Address = row.Address;
            persons.Add(person);
            enrollments.Add(enrollment);
        }

        if (errors.Count > 0)
        {
            errors.Sort((a, b) => a.Row.CompareTo(b.Row));
            return new PersonImportOutcome(null, errors);
        }

        await AssignIdsAsync(persons, enrollments, ct);
        var summary = new PersonImportSummary(Path.GetFileName(command.FileName), persons.Count, enrollments.Count,
            persons.Min(p => p.PersonNo)!, persons.Max(p => p.PersonNo)!);
        try
        {
            await writer.WriteAsync(persons, enrollments, summary, ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException)
        {
            // A registration or another import committed between our checks and our write: the unique indexes on 证件号码,
            // 人员编号 and the ids refused this one, and the writer's transaction rolled everything back.
            db.ChangeTracker.Clear();
            var taken = (await db.Persons.AsNoTracking().Select(p => p.ResidentId).ToListAsync(ct)).ToHashSet();
            var conflicts = rows.Where(r => taken.Contains(r.Certno))
                .Select(r => new ImportRowError(r.Row, PersonImportParser.Certno, $"{RegisterPersonHandler.Mask(r.Certno.Value)} 已由同时进行的另一批导入或登记写入，不能重复登记")).ToList();
            return new PersonImportOutcome(null, conflicts.Count > 0 ? conflicts
                : [new ImportRowError(1, "文件", "导入时另一批导入或登记正在写入（人员编号冲突），本次未写入任何数据，请重新导入")]);
        }

        return new PersonImportOutcome(summary, []);
    }

    /// <summary>Ids after the current maxima; 人员编号 统筹区 + 10 digits continuing after each 统筹区's highest (as RegisterPerson does).</summary>
    private async Task AssignIdsAsync(List<Person> persons, List<Enrollment> enrollments, CancellationToken ct)
    {
        var personId = await db.Persons.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var enrollmentId = await db.Enrollments.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var eventId = await db.Enrollments.SelectMany(e => e.Events).MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var next = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pool in persons.Select(p => p.PoolAreaCode).Distinct())
        {
            var last = await db.Persons.Where(p => p.PersonNo.StartsWith(pool) && p.PersonNo.Length == 16)
                .OrderByDescending(p => p.PersonNo).Select(p => p.PersonNo).FirstOrDefaultAsync(ct);
            next[pool] = last is null ? 1 : long.Parse(last.AsSpan(6), NumberStyles.None, Inv) + 1;
        }

        for (var i = 0; i < persons.Count; i++)
        {
            var p = persons[i];
            p.Id = ++personId;
            var seq = next[p.PoolAreaCode]++;
            p.PersonNo = p.PoolAreaCode + seq.ToString("D10", Inv);
            var e = enrollments[i];
            e.Id = ++enrollmentId;
            e.PersonId = p.Id;
            foreach (var ev in e.Events)
            {
                ev.Id = ++eventId;
                ev.EnrollmentId = e.Id;
            }
        }
    }
}
