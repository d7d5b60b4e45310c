using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Registry;

/// <summary>
/// The registry's guards hold when two requests run at the same moment, on both engines: the second of two enrollments
/// decided on the same coverage is refused (no overlapping 险种, never 职工 and 居民 at once), a person registered twice at
/// once exists once, and an import racing another write leaves nothing half-written. The races are made deterministic by
/// running the other request exactly between this request's checks and its save.
/// </summary>
public sealed class RegistryConcurrencyTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly string Certno = ResidentId.Create("130123", new DateOnly(1980, 3, 4), 321).Value;

    private static async Task RegisterAsync(TestDatabase db)
    {
        await RegistryTests.SeedEmployerAsync(db);
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "赵六", "130123")));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
    }

    /// <summary>
    /// Runs <paramref name="mine"/> in its own scope; <paramref name="other"/> runs to completion (in another scope) at the
    /// moment mine adds its first new row, i.e. after mine has read and checked the registry and before it saves.
    /// </summary>
    private static Task<T> WithRaceAsync<T>(TestDatabase db, Func<IServiceProvider, Task<T>> mine, Func<IServiceProvider, Task> other) =>
        db.InScopeAsync(async sp =>
        {
            var fired = false;
            sp.GetRequiredService<AppDbContext>().ChangeTracker.Tracked += (_, e) =>
            {
                if (!fired && !e.FromQuery)
                {
                    fired = true;
                    db.InScopeAsync(other).GetAwaiter().GetResult();
                }
            };
            var result = await mine(sp);
            fired.ShouldBeTrue("the other request did not run between the checks and the save");
            return result;
        });

    private static Task<List<Enrollment>> EnrollmentsAsync(TestDatabase db) =>
        db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Enrollments.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public static TheoryData<string, string, string, string?, string, string, string?> Races => new()
    {
        // provider, first (险种, 类别, 单位), second (险种, 类别, 单位)
        { TestDatabase.Sqlite, "390", "22", null, "390", "22", null },
        { TestDatabase.Postgres, "390", "22", null, "390", "22", null },
        { TestDatabase.Sqlite, "310", "11", "E001", "390", "22", null },
        { TestDatabase.Postgres, "310", "11", "E001", "390", "22", null },
    };

    [Theory]
    [MemberData(nameof(Races))]
    public async Task Two_enrollments_decided_at_the_same_moment_cannot_both_be_saved(string provider, string type1, string cat1, string? emp1, string type2, string cat2, string? emp2)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await RegisterAsync(db);

        AppResult<long>? first = null;
        var second = await WithRaceAsync(db,
            sp => sp.GetRequiredService<EnrollPersonHandler>().HandleAsync(new EnrollPerson(Certno, type2, cat2, new DateOnly(2026, 2, 1), emp2)),
            async sp => first = await sp.GetRequiredService<EnrollPersonHandler>().HandleAsync(new EnrollPerson(Certno, type1, cat1, new DateOnly(2026, 1, 1), emp1)));

        first!.Succeeded.ShouldBeTrue(string.Join("；", first.Errors.Select(e => e.Message)));
        second.Succeeded.ShouldBeFalse();
        second.Errors.Single().Code.ShouldBe("concurrent-change");
        second.Errors.Single().Message.ShouldStartWith("参保信息：");
        var stored = await EnrollmentsAsync(db);
        stored.Count.ShouldBe(1);
        ((int)stored[0].InsuranceType).ToString(CultureInfo.InvariantCulture).ShouldBe(type1);

        // Submitted again after the refusal, the ordinary rule answers (overlap / 职工 and 居民 at once).
        var again = await db.InScopeAsync(sp => sp.GetRequiredService<EnrollPersonHandler>().HandleAsync(new EnrollPerson(Certno, type2, cat2, new DateOnly(2026, 2, 1), emp2)));
        again.Succeeded.ShouldBeFalse();
        again.Errors.Single().Code.ShouldNotBe("concurrent-change");
        (await EnrollmentsAsync(db)).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Many_identical_enrollments_submitted_in_parallel_store_exactly_one(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await RegisterAsync(db);
        using var start = new Barrier(6);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => db.InScopeAsync(async sp =>
        {
            var handler = sp.GetRequiredService<EnrollPersonHandler>();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                return await handler.HandleAsync(new EnrollPerson(Certno, "390", "22", new DateOnly(2026, 1, 1)));
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException)
            {
                // SQLite may report the lock itself (database is locked) instead of waiting: refused, nothing saved.
                return AppResult<long>.Fail(new AppError("locked", ex.Message));
            }
        }))));

        results.Count(r => r.Succeeded).ShouldBe(1);
        (await EnrollmentsAsync(db)).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_person_registered_twice_at_the_same_moment_exists_once_with_a_chinese_error(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var other = ResidentId.Create("130123", new DateOnly(1991, 8, 8), 55).Value;
        AppResult<RegisteredPerson>? first = null;
        var second = await WithRaceAsync(db,
            sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(other, "钱七", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2026, 1, 1))])),
            async sp => first = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(other, "钱七", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2026, 1, 1))])));

        first!.Succeeded.ShouldBeTrue();
        second.Succeeded.ShouldBeFalse();
        second.Errors.Single().Message.ShouldStartWith("证件号码：130123********");
        second.Errors.Single().Message.ShouldContain("已登记");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.CountAsync())).ShouldBe(1);
        (await EnrollmentsAsync(db)).Count.ShouldBe(1);
    }

    /// <summary>Runs another request just before the real writer writes.</summary>
    private sealed class RacingWriter(IPersonImportWriter inner, Func<Task> before) : IPersonImportWriter
    {
        public async Task WriteAsync(IReadOnlyList<Person> persons, IReadOnlyList<Enrollment> enrollments, PersonImportSummary summary, CancellationToken ct = default)
        {
            await before();
            await inner.WriteAsync(persons, enrollments, summary, ct);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_file_imported_twice_at_once_writes_it_once_and_reports_the_rows(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        string[] header = ["证件号码", "姓名", "统筹区", "户号", "联系电话", "住址", "险种", "人员类别", "参保日期", "单位编号"];
        var records = new List<IReadOnlyList<string>> { header };
        for (var i = 0; i < 20; i++)
        {
            records.Add([ResidentId.Create("130123", new DateOnly(1970, 1, 1).AddDays(i * 11), 200 + i).Value, "居民" + i.ToString(CultureInfo.InvariantCulture),
                "130123", "", "", "", "390", "22", "2025-01-01", ""]);
        }

        PersonImportOutcome? first = null;
        var second = await db.InScopeAsync(sp =>
        {
            var handler = new ImportPersonsHandler(sp.GetRequiredService<IAppDbContext>(),
                new RacingWriter(sp.GetRequiredService<IPersonImportWriter>(),
                    () => db.InScopeAsync(async other => first = await other.GetRequiredService<ImportPersonsHandler>().HandleAsync(new ImportPersons("人员.csv", records)))),
                sp.GetRequiredService<TimeProvider>());
            return handler.HandleAsync(new ImportPersons("人员.csv", records));
        });

        first!.Succeeded.ShouldBeTrue(string.Join("；", first.Errors.Select(e => e.Message)));
        second.Succeeded.ShouldBeFalse();
        second.Errors.Count.ShouldBe(20);
        second.Errors.ShouldAllBe(e => e.Column == "证件号码" && e.Message.Contains("同时进行的另一批导入"));
        second.Errors.Select(e => e.Row).ShouldBe(Enumerable.Range(2, 20));
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.CountAsync())).ShouldBe(20);
        (await EnrollmentsAsync(db)).Count.ShouldBe(20);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity == "PersonImport"))).ShouldBe(1);
    }
}
