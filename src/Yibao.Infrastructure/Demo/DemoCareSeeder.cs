using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Funds;
using Yibao.Application.Registry;
using Yibao.Application.Review;
using Yibao.Application.Settlement;
using Yibao.Domain.Admin;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Persistence.Bulk;

namespace Yibao.Infrastructure.Demo;

/// <summary>Counts of the generated year of care.</summary>
public sealed record DemoCareResult(DemoCareCounts Counts, int Persons, int ManualReimbursements, int RemoteHospitals, TimeSpan Elapsed)
{
    /// <summary>Stored 月结算单 generated for the year (one per institution and month with activity).</summary>
    public int Statements { get; init; }

    /// <summary>The months of the year whose 月结算单 were generated (those ended by today: 1 to <see cref="StatementMonths"/>).</summary>
    public int StatementMonths { get; init; }

    /// <summary>Time spent generating the 月结算单, after <see cref="Elapsed"/> (the care, the ledger and the 手工报销).</summary>
    public TimeSpan StatementsElapsed { get; init; }

    /// <summary>The 事中 rule set the settlements were checked with (null: no 事中 rules were enabled).</summary>
    public string? ReviewRuleSetId { get; init; }

    public int Encounters => Counts.Settlements;

    /// <summary>Fee lines written per second of the whole run.</summary>
    public double FeeLinesPerSecond => Elapsed.TotalSeconds > 0 ? Counts.FeeLines / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Writes 示范县's year of care (<see cref="DemoCareGenerator"/>) after the registry, catalog and policy are seeded: persons are
/// read in chunks of <see cref="ChunkPersons"/> with their enrollments and statuses, each chunk's encounters, fee lines,
/// settlements, journal entries and final accumulators go through the bulk path (PostgreSQL binary COPY, SQLite prepared
/// inserts) in one transaction with a summarizing audit entry, so memory stays bounded whatever the county's size. Then a
/// few dozen 手工报销 are entered by a clerk and approved and paid by a 审核员 through the real handlers, and finally
/// 财务 generates the institutions' stored 月结算单 of every month of the year that has ended by today through
/// <see cref="GenerateStatementsHandler"/> (the code of <c>yibao statements generate</c> and 生成并冻结 on /Funds/Statements), each on
/// the 1st of the following month; later months are left for 财务 to generate once they have ended, as the handler requires.
/// </summary>
public sealed class DemoCareSeeder(AppDbContext db, IBulkLoader bulk, ISettlementReferenceData reference, IPersonSettlementLock personLock,
    IInstitutionPaymentLock paymentLock, IReviewRuleSource reviewRules, TimeProvider clock, ICurrentUser currentUser)
{
    public const int ChunkPersons = 2000;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Hospitals outside 示范县 where its insured people are treated (异地就医): fictional 示范市 and the province level.</summary>
    public static IReadOnlyList<Institution> RemoteHospitals() =>
    [
        new() { Code = "H51990000001", Name = "示范市第一人民医院", Type = InstitutionType.Hospital, Level = InstitutionLevel.Third, PoolAreaCode = "519900", AreaCode = "519900", Address = "示范市" },
        new() { Code = "H51990000002", Name = "示范市中医医院", Type = InstitutionType.Hospital, Level = InstitutionLevel.Third, PoolAreaCode = "519900", AreaCode = "519900", Address = "示范市" },
        new() { Code = "H51000000001", Name = "省立示范医院", Type = InstitutionType.Hospital, Level = InstitutionLevel.Third, PoolAreaCode = "510000", AreaCode = "510000", Address = "省本级" },
    ];

    public async Task<AppResult<DemoCareResult>> SeedAsync(long seed, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var pool = DemoCountyGenerator.CountyCode;
        if (await db.MedicalEncounters.AnyAsync(ct))
        {
            return AppResult<DemoCareResult>.Fail(new AppError("care-not-empty", "数据库中已有就诊记录：演示就医数据只能写入没有就诊与结算记录的库"));
        }

        if (!await db.Persons.AnyAsync(p => p.PoolAreaCode == pool, ct))
        {
            return AppResult<DemoCareResult>.Fail(new AppError("registry-empty", $"数据库中没有{DemoCountyGenerator.CountyName}的参保人员：请先生成演示参保登记数据"));
        }

        // The policy in force on each day of the year per 险种, and the catalog (the engine's reference data).
        var year = DemoCareGenerator.Year;
        var policies = new Dictionary<(string, DateOnly), PolicyVersion?>();
        foreach (var insutype in new[] { "310", "390" })
        {
            for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
            {
                policies[(insutype, d)] = await reference.GetPolicyAsync(pool, insutype, d, ct);
            }
        }

        var catalog = await reference.GetCatalogAsync(pool, new DateOnly(year, 1, 1), ct);
        if (catalog is null || policies.Values.All(p => p is null))
        {
            return AppResult<DemoCareResult>.Fail(new AppError("policy-not-found",
                $"待遇政策：{DemoCountyGenerator.CountyName}（{pool}）在 {year} 年没有生效的待遇政策参数或医保目录，不能生成就医数据"));
        }

        // 事中智能审核 with the rules live settlement uses (YIBAO_REVIEW_RULES, else the enabled 事中 rules of review_rules; none: no
        // check). A rule set that cannot be used refuses, as 2207 does, instead of settling the year unreviewed.
        var review = await reviewRules.GetInlineReviewerAsync(ct);
        if (review.Error is not null)
        {
            return AppResult<DemoCareResult>.Fail(new AppError(SettlementErrors.ReviewRulesInvalid, review.Error, "review_rules"));
        }

        // Hospitals in other 统筹区 (through the context: audited like any other write).
        var remote = new List<Institution>();
        foreach (var h in RemoteHospitals())
        {
            var found = await db.Institutions.FirstOrDefaultAsync(i => i.Code == h.Code, ct);
            if (found is null)
            {
                db.Institutions.Add(h);
                found = h;
            }

            remote.Add(found);
        }

        await db.SaveChangesAsync(ct);
        var institutions = await db.Institutions.AsNoTracking().Where(i => i.PoolAreaCode == pool).OrderBy(i => i.Id).ToListAsync(ct);
        var waiting = await db.LoadWaitingPolicyAsync(pool, ct);
        var firstEntry = (await db.JournalEntries.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        var firstLine = (await db.Set<JournalLine>().MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        var firstAccountEntry = (await db.PersonalAccountEntries.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        var generator = new DemoCareGenerator(seed, (t, d) => policies.GetValueOrDefault((t, d)), catalog, institutions, remote, waiting, firstEntry, firstLine, firstAccountEntry,
            review.Reviewer, review.RuleSetId);
        var maxPerson = await db.Persons.MaxAsync(p => p.Id, ct);
        var persons = 0;
        var withoutCare = new List<Person>();
        var batch = new DemoCareBatch();
        await using (bulk)
        {
            await bulk.BeginAsync(ct);
            for (long lo = 1; lo <= maxPerson; lo += ChunkPersons)
            {
                var hi = lo + ChunkPersons;
                var chunk = await db.Persons.AsNoTracking().Where(p => p.Id >= lo && p.Id < hi && p.PoolAreaCode == pool).OrderBy(p => p.Id).ToListAsync(ct);
                var enrollments = (await db.Enrollments.AsNoTracking().Include(e => e.Events).Where(e => e.PersonId >= lo && e.PersonId < hi).ToListAsync(ct))
                    .ToLookup(e => e.PersonId);
                var statuses = (await db.PersonSpecialStatuses.AsNoTracking().Where(s => s.PersonId >= lo && s.PersonId < hi).ToListAsync(ct))
                    .ToLookup(s => s.PersonId);
                var accounts = await db.PersonalAccounts.AsNoTracking().Include(a => a.Entries).Where(a => a.PersonId >= lo && a.PersonId < hi)
                    .ToDictionaryAsync(a => a.PersonId, ct);
                persons += chunk.Count;
                generator.Generate(chunk, enrollments, statuses, accounts, batch);
                if (batch.Filings.Count > 0)
                {
                    db.OutOfAreaFilings.AddRange(batch.Filings);
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }

                await bulk.WriteEncountersAsync(batch.Encounters, ct);
                await bulk.WriteFeeDetailsAsync(batch.FeeDetails, ct);
                await bulk.WriteJournalEntriesAsync(batch.JournalEntries, ct);
                await bulk.WriteJournalLinesAsync(batch.JournalEntries.SelectMany(e => e.Lines), ct);
                await bulk.WriteSettlementsAsync(batch.Settlements, ct);
                await bulk.WritePersonAccumulatorsAsync(batch.Accumulators, ct);
                await bulk.WritePersonalAccountEntriesAsync(batch.AccountEntries, ct);
                if (withoutCare.Count < 1000)
                {
                    withoutCare.AddRange(batch.WithoutCare.Take(50));
                }

                batch.Clear();
            }

            var c = generator.Counts;
            var summary = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["说明"] = "批量写入示范县演示就医与结算数据",
                ["seed"] = seed,
                ["year"] = year,
                ["persons"] = persons,
                ["outpatient"] = c.Outpatient,
                ["pharmacy"] = c.Pharmacy,
                ["chronic"] = c.Chronic,
                ["inpatient"] = c.Inpatient,
                ["non_local"] = c.NonLocal,
                ["filings"] = c.Filings,
                ["fee_details"] = c.FeeLines,
                ["settlements"] = c.Settlements,
                ["journal_entries"] = c.JournalEntries,
                ["journal_lines"] = c.JournalLines,
                ["person_accumulators"] = c.Accumulators,
                ["medfee_sumamt"] = c.MedfeeSumamt,
                ["fund_pay_sumamt"] = c.FundPaySumamt,
                ["review_rule_set"] = (object?)review.RuleSetId ?? "无事中审核规则",
                ["reviewed"] = c.Reviewed,
                ["review_deducted_lines"] = c.ReviewDeductedLines,
                ["review_deducted_amount"] = c.ReviewDeductedAmount,
                ["review_warnings"] = c.ReviewWarnings,
                ["account_payments"] = c.AccountPayments,
                ["acct_pay"] = c.AcctPaySumamt,
            };
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = currentUser.UserId,
                UserName = currentUser.UserName,
                Action = AuditActions.Added,
                Entity = "DemoCare",
                EntityKey = string.Create(CultureInfo.InvariantCulture, $"{pool}-{year}"),
                After = JsonSerializer.Serialize(summary, Json),
            });
            await db.SaveChangesAsync(ct);
            await bulk.CommitAsync(ct);
        }

        var manual = await ManualReimbursementsAsync(seed, withoutCare, catalog, remote, ct);
        if (!manual.Succeeded)
        {
            return AppResult<DemoCareResult>.Fail(manual.Errors);
        }

        var careElapsed = watch.Elapsed;
        var statementsWatch = Stopwatch.StartNew();
        var statements = await StatementsAsync(ct);
        if (!statements.Succeeded)
        {
            return AppResult<DemoCareResult>.Fail(statements.Errors);
        }

        return AppResult<DemoCareResult>.Ok(new DemoCareResult(generator.Counts, persons, manual.Value, remote.Count, careElapsed)
        {
            Statements = statements.Value.Statements,
            StatementMonths = statements.Value.Months,
            ReviewRuleSetId = review.RuleSetId,
            StatementsElapsed = statementsWatch.Elapsed,
        });
    }

    /// <summary>
    /// 生成月结算单 for every month of the demo year that has ended by today (the handler's own rule: from the 1st of the next
    /// month), by a 演示财务 on the 1st of the following month (10:00), through the same handler as
    /// <c>yibao statements generate --month</c>: every institution with a settlement or a 2101 posting in the month.
    /// </summary>
    private async Task<AppResult<(int Statements, int Months)>> StatementsAsync(CancellationToken ct)
    {
        var generated = 0;
        var months = 0;
        var today = clock.TodayInChina();
        var finance = new DemoUser("demo-caiwu", "演示财务");
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(DemoCareGenerator.Year, month, 1);
            if (first.AddMonths(1) > today)
            {
                break; // not ended yet: 财务 generates it later (yibao statements generate, /Funds/Statements)
            }

            var handler = new GenerateStatementsHandler(db, new GetMonthlyStatementHandler(db), paymentLock, finance, FixedClock.At(first.AddMonths(1)));
            var r = await handler.HandleAsync(new GenerateStatements(first.Year, first.Month), ct);
            if (!r.Succeeded)
            {
                return AppResult<(int, int)>.Fail(r.Errors);
            }

            generated += r.Value!.Generated.Count;
            months++;
            db.ChangeTracker.Clear();
        }

        return AppResult<(int, int)>.Ok((generated, months));
    }

    /// <summary>
    /// 手工报销: bills from hospitals outside the county (异地未备案, paid in full by the person), entered by a 经办员 a few
    /// weeks after discharge and approved (paid) by a 审核员, each through the real handlers at a fixed demo date.
    /// </summary>
    private async Task<AppResult<int>> ManualReimbursementsAsync(long seed, List<Person> candidates, Catalog catalog, List<Institution> remote, CancellationToken ct)
    {
        var count = Math.Min(candidates.Count, Math.Clamp(candidates.Count / 20, 3, 40));
        var rng = DemoRandom.Derive(unchecked((ulong)seed) ^ 0x5EED_3A11UL, 7);
        var drugs = catalog.Items.Select((item, i) => (item, i))
            .Where(x => x.item.ListType is CatalogListType.WesternMedicine or CatalogListType.MedicalService && x.item.Restrictions.IsEmpty)
            .Select(x => x.item).ToList();
        var done = 0;
        for (var n = 0; n < count; n++)
        {
            var person = candidates[(int)((long)n * candidates.Count / count)];
            var hospital = rng.Pick(remote);
            var begin = new DateOnly(DemoCareGenerator.Year, 9, 1).AddDays(rng.Between(0, 60));
            var inpatient = rng.Chance(0.6);
            var end = inpatient ? begin.AddDays(rng.Between(3, 12)) : begin;
            var lines = new List<ManualLineInput>();
            var lineCount = inpatient ? rng.Between(8, 30) : rng.Between(2, 6);
            for (var i = 0; i < lineCount; i++)
            {
                var item = rng.Pick(drugs);
                var cnt = (decimal)rng.Between(1, 4);
                var pric = item.PriceCap ?? (5m + rng.Next(20000) / 100m);
                lines.Add(new ManualLineInput(item.Code, item.Name, cnt, pric, decimal.Round(cnt * pric, 2, MidpointRounding.AwayFromZero)));
            }

            var entered = FixedClock.At(end.AddDays(14));
            var approved = FixedClock.At(end.AddDays(17));
            var enter = new EnterManualReimbursementHandler(db, reference, new DemoUser("demo-jingbanyuan", "演示经办员"), entered);
            var type = await db.Enrollments.AsNoTracking().Where(e => e.PersonId == person.Id).OrderBy(e => e.Id).Select(e => (InsuranceType?)e.InsuranceType).FirstOrDefaultAsync(ct);
            var command = new EnterManualReimbursement(person.PersonNo, type is { } t ? RegistryLookups.Code(t) : "390", inpatient ? "21" : "11", hospital.Name, hospital.PoolAreaCode,
                (int)hospital.Level, begin, end, inpatient ? "J18.900" : "J06.900", inpatient ? "肺炎" : "急性上呼吸道感染", null,
                string.Create(CultureInfo.InvariantCulture, $"FP{DemoCareGenerator.Year}{n + 1:D6}"), lines.Sum(l => l.Amount), lines,
                person.Name, "示范县农村信用合作联社", string.Create(CultureInfo.InvariantCulture, $"62210{person.Id:D14}"));
            var r = await enter.HandleAsync(command, ct);
            if (!r.Succeeded)
            {
                continue; // e.g. a 310/390 mismatch for this person: the clerk would not enter it
            }

            var review = new ReviewManualReimbursementHandler(db, reference, personLock, new DemoUser("demo-shenheyuan", "演示审核员"), approved);
            var ok = await review.HandleAsync(new ReviewManualReimbursement(r.Value!.Id, true), ct);
            if (!ok.Succeeded)
            {
                return AppResult<int>.Fail(ok.Errors);
            }

            db.ChangeTracker.Clear();
            done++;
        }

        return AppResult<int>.Ok(done);
    }

    private sealed class DemoUser(string id, string name) : ICurrentUser
    {
        public string? UserId => id;

        public string UserName => name;
    }

    /// <summary>A clock fixed at 10:00 China time of a demo date, so the demo's documents carry the dates of the story, not of the run.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public static FixedClock At(DateOnly day) => new(new DateTimeOffset(DemoCareGenerator.ToUtc(day), TimeSpan.Zero));

        public override DateTimeOffset GetUtcNow() => now;
    }
}
