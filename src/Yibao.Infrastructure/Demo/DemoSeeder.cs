using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Persistence.Bulk;

namespace Yibao.Infrastructure.Demo;

/// <summary>Counts of what a demo seed wrote.</summary>
public sealed record DemoSeedResult(string CountyCode, string CountyName, int Townships, int Villages, int Households, int Persons, int Employers, int Institutions)
{
    /// <summary>参保记录 (one basic enrollment per person).</summary>
    public int Enrollments { get; init; }

    /// <summary>Enrollments in 310 (职工).</summary>
    public int EmployeeEnrollments { get; init; }

    public int SpecialStatuses { get; init; }

    /// <summary>居民缴费 records of <see cref="DemoCoverage.ContributionYear"/>, each with one balanced journal entry.</summary>
    public int Contributions { get; init; }

    public int JournalLines { get; init; }

    /// <summary>职工征缴 of the year (bases, plans, payments, 灵活就业), see <see cref="DemoContributions"/>.</summary>
    public DemoContributionResult? Employee { get; init; }
}

/// <summary>
/// Writes the generated 示范县 into an empty registry through the bulk path, plus one audit entry that
/// summarizes the load, all in one transaction.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, IBulkLoader bulk, TimeProvider clock, ICurrentUser currentUser)
{
    public const int MaxInsured = 5_000_000;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task<AppResult<DemoSeedResult>> SeedAsync(DemoCountyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Insured is < 1 or > MaxInsured)
        {
            return AppResult<DemoSeedResult>.Fail(new AppError("invalid-insured",
                string.Create(CultureInfo.InvariantCulture, $"参保人数（--insured）：须在 1–{MaxInsured} 之间，当前为 {options.Insured}"), "insured"));
        }

        var existing = new List<string>();
        await CountAsync(db.Persons, "人员", existing, cancellationToken);
        await CountAsync(db.Households, "家庭户", existing, cancellationToken);
        await CountAsync(db.Areas, "区划", existing, cancellationToken);
        await CountAsync(db.Employers, "参保单位", existing, cancellationToken);
        await CountAsync(db.Institutions, "定点医药机构", existing, cancellationToken);
        if (existing.Count > 0)
        {
            return AppResult<DemoSeedResult>.Fail(new AppError("registry-not-empty",
                $"数据库中已有参保登记数据（{string.Join("，", existing)}）：演示数据只能写入空库。请改用新的数据库（设置 YIBAO_DB）后重试"));
        }

        var county = DemoCountyGenerator.Generate(options);
        await using (bulk)
        {
            await bulk.BeginAsync(cancellationToken);
            await bulk.WriteAreasAsync(county.Areas, cancellationToken);
            var households = await bulk.WriteHouseholdsAsync(county.Households, cancellationToken);
            var coverage = new DemoCoverage(county);
            var persons = await bulk.WritePersonsAsync(coverage.Observe(county.Persons), cancellationToken);
            var employers = await bulk.WriteEmployersAsync(county.Employers, cancellationToken);
            var institutions = await bulk.WriteInstitutionsAsync(county.Institutions, cancellationToken);

            // Coverage: enrollments with their events, special statuses, and the year's resident contributions with
            // their ledger entries (the same postings RecordResidentContributionHandler makes, balanced per fund).
            var employeeEnrollments = 0;
            var enrollments = await bulk.WriteEnrollmentsAsync(coverage.Enrollments().Select(e =>
            {
                employeeEnrollments += e.InsuranceType == Domain.Registry.InsuranceType.EmployeeBasic ? 1 : 0;
                return e;
            }), cancellationToken);
            await bulk.WriteEnrollmentEventsAsync(coverage.Events(), cancellationToken);
            var statuses = await bulk.WriteSpecialStatusesAsync(coverage.SpecialStatuses(), cancellationToken);
            var contributions = coverage.Contributions().ToList();
            await bulk.WriteJournalEntriesAsync(contributions.Select(c => c.Entry), cancellationToken);
            var lines = await bulk.WriteJournalLinesAsync(contributions.SelectMany(c => c.Entry.Lines), cancellationToken);
            var paid = await bulk.WriteResidentContributionsAsync(contributions.Select(c => c.Contribution), cancellationToken);
            contributions.Clear();
            var employee = !options.EmployeeContributions ? null : await DemoContributions.WriteAsync(bulk, county, coverage, paid, lines, clock.TodayInChina(), cancellationToken);

            // Policy data through the context (audited like any other write): financing standard and waiting periods.
            db.ResidentContributionPolicies.Add(coverage.Policy);
            db.WaitingPeriodRules.AddRange(DemoCoverage.WaitingRules());
            if (employee is not null)
            {
                db.EmployeeContributionPolicies.Add(DemoContributions.Policy());
            }

            var result = new DemoSeedResult(DemoCountyGenerator.CountyCode, DemoCountyGenerator.CountyName,
                county.TownshipCount, county.VillageCount, households, persons, employers, institutions)
            {
                Enrollments = enrollments,
                EmployeeEnrollments = employeeEnrollments,
                SpecialStatuses = statuses,
                Contributions = paid,
                JournalLines = lines,
                Employee = employee,
            };

            // The bulk rows bypass the per-row audit; one entry records the load itself.
            var summary = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["说明"] = "批量写入示范县演示数据",
                ["seed"] = options.Seed,
                ["insured"] = options.Insured,
                ["townships"] = result.Townships,
                ["villages"] = result.Villages,
                ["households"] = result.Households,
                ["persons"] = result.Persons,
                ["employers"] = result.Employers,
                ["institutions"] = result.Institutions,
                ["enrollments"] = result.Enrollments,
                ["special_statuses"] = result.SpecialStatuses,
                ["resident_contributions"] = result.Contributions,
                ["journal_lines"] = result.JournalLines,
                ["employee_contributions"] = (object?)employee ?? "未生成",
            };
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = currentUser.UserId,
                UserName = currentUser.UserName,
                Action = AuditActions.Added,
                Entity = "DemoCounty",
                EntityKey = DemoCountyGenerator.CountyCode,
                After = JsonSerializer.Serialize(summary, Json),
            });
            await db.SaveChangesAsync(cancellationToken);
            await bulk.CommitAsync(cancellationToken);
            return AppResult<DemoSeedResult>.Ok(result);
        }
    }

    private static async Task CountAsync<T>(IQueryable<T> set, string label, List<string> found, CancellationToken cancellationToken)
    {
        var n = await set.CountAsync(cancellationToken);
        if (n > 0)
        {
            found.Add(string.Create(CultureInfo.InvariantCulture, $"{label} {n} 条"));
        }
    }
}
