using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Review;

namespace Yibao.Application.Review;

/// <summary>
/// Stored encounters and fee lines of a period as a columnar <see cref="ReviewBatch"/>, with the database ids behind the
/// batch indexes (persons, encounters, lines; the batch's institution number is the institution id).
/// </summary>
public sealed record ReviewBatchData(ReviewBatch Batch, long[] PersonIds, long[] EncounterIds, string[] EncounterInsutypes, long[] LineIds);

/// <summary>
/// Streams the encounters (not cancelled) that began in a period and their fee lines (not cancelled) straight into a
/// <see cref="ReviewBatch"/> (no entities are materialised), with the persons' gender, birth, death and coverage.
/// </summary>
public interface IReviewBatchReader
{
    /// <summary>Item codes map to their ids in <paramref name="items"/>; codes it does not hold become <see cref="CodeTable.Unknown"/>.</summary>
    Task<ReviewBatchData> ReadAsync(DateOnly fromDate, DateOnly toDate, CodeTable items, CancellationToken ct = default);
}

/// <summary>Bulk insert of flags (binary COPY on PostgreSQL) inside the context's current transaction.</summary>
public interface IReviewFlagWriter
{
    Task WriteAsync(IReadOnlyList<ReviewFlagRecord> flags, CancellationToken ct = default);
}

/// <summary>
/// What a run or a draft test found, before anything is stored. <see cref="Data"/> also holds the look-back history read before
/// the period (see <see cref="ReviewLookback"/>); <see cref="Persons"/>, <see cref="Encounters"/> and <see cref="Lines"/> count
/// only what began inside the period, and every flag is on an encounter that began inside it.
/// </summary>
public sealed record ReviewEvaluation(ReviewBatchData Data, IReadOnlyList<ReviewRule> Rules, List<ReviewFlag> Flags, double ReadSeconds, double EvaluateSeconds)
{
    public int Persons { get; init; } = Data.Batch.PersonCount;

    public int Encounters { get; init; } = Data.Batch.EncounterCount;

    public int Lines { get; init; } = Data.Batch.LineCount;

    /// <summary>First day read: the period's start less the look-back of the rules.</summary>
    public DateOnly ReadFrom { get; init; }

    public decimal Amount => Flags.Sum(f => f.Amount);

    public IReadOnlyList<ReviewSummaryRow> ByRule => ReviewSummary.ByRule(Flags, Rules);

    public IReadOnlyList<ReviewSummaryRow> ByInstitution(Func<int, string> name) => ReviewSummary.ByInstitution(Flags, Data.Batch, name);
}

/// <summary>The one evaluation path used by the 事后 run and by 测试规则 (which stores nothing).</summary>
public sealed class ReviewEvaluator(IReviewBatchReader reader)
{
    public async Task<ReviewEvaluation> EvaluateAsync(DateOnly from, DateOnly to, IReadOnlyList<ReviewRule> rules, CancellationToken ct = default)
    {
        var items = new CodeTable();
        // The engine first: it interns the codes the rules name; the reader maps every other code to CodeTable.Unknown.
        var engineRules = rules.ToList();
        var engine = new ReviewEngine(engineRules, items);
        var watch = Stopwatch.StartNew();
        // Window rules (分解住院, 频次/疗程/超量开药 over a month, a year or N days) need the history before the period: read it,
        // evaluate over all of it, keep only what falls inside the period.
        var readFrom = from.AddDays(-ReviewLookback.Days(engineRules, from));
        var data = await reader.ReadAsync(readFrom, to, items, ct);
        var read = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var flags = engine.Evaluate(data.Batch);
        var (kept, persons, encounters, lines) = ReviewLookback.InPeriod(data.Batch, flags, from, to);
        return new ReviewEvaluation(data, engineRules, kept, read, watch.Elapsed.TotalSeconds)
        {
            Persons = persons, Encounters = encounters, Lines = lines, ReadFrom = readFrom,
        };
    }

    public static AppError? CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return new AppError(ReviewErrors.Validation, "结束日期（--to）：不得早于开始日期", "to");
        }

        return to.DayNumber - from.DayNumber > 731 ? new AppError(ReviewErrors.Validation, "审核期间：一次最长两年（731 天）", "to") : null;
    }
}

/// <summary>
/// The history a 事后 run over [from, to] reads before <c>from</c> so that window rules see it, and the filter that keeps only
/// flags of the period: a flag stays when its encounter began inside the period; a window flag attributed to an earlier encounter
/// stays when some of its lines belong to encounters of the period (it is moved to the latest of them). Lines of earlier
/// encounters are taken out of a kept flag and its amount is scaled to the lines that remain — they were the previous run's.
/// </summary>
public static class ReviewLookback
{
    /// <summary>Longest look-back read (one year and a month).</summary>
    public const int MaxDays = 400;

    /// <summary>A stay that overlaps or precedes the period can have begun this long before it (分解住院, 同一时间两地).</summary>
    public const int StayDays = 60;

    /// <summary>Days before <paramref name="from"/> the rules need: the largest window of the enabled rules.</summary>
    public static int Days(IEnumerable<ReviewRule> rules, DateOnly from)
    {
        var days = 0;
        foreach (var r in rules)
        {
            var p = r.Parameters;
            var need = r.Type switch
            {
                ReviewRuleType.SplitAdmission => (p.ReadmissionDays ?? 0) + StayDays,
                ReviewRuleType.SimultaneousEncounters => StayDays,
                ReviewRuleType.CourseLength => (p.MaxDays ?? 0) + (p.AllowedGapDays ?? 1),
                _ => r.Window switch
                {
                    ReviewWindow.Month => from.Day - 1,
                    ReviewWindow.Year => from.DayOfYear - 1,
                    ReviewWindow.Days => Math.Max(0, (r.WindowDays ?? 0) - 1),
                    ReviewWindow.Encounter or ReviewWindow.Day => 0,
                    _ => 0,
                },
            };
            days = Math.Max(days, need);
        }

        return Math.Min(days, MaxDays);
    }

    public static (List<ReviewFlag> Flags, int Persons, int Encounters, int Lines) InPeriod(ReviewBatch batch, List<ReviewFlag> flags, DateOnly from, DateOnly to)
    {
        var (f0, t0) = (from.DayNumber, to.DayNumber);
        bool Inside(int encounter) => batch.EncounterAdmissionDay(encounter) >= f0 && batch.EncounterAdmissionDay(encounter) <= t0;
        var persons = new HashSet<int>();
        var encounters = 0;
        for (var e = 0; e < batch.EncounterCount; e++)
        {
            if (Inside(e))
            {
                encounters++;
                persons.Add(batch.PersonOfEncounter(e));
            }
        }

        var lines = 0;
        for (var l = 0; l < batch.LineCount; l++)
        {
            if (Inside(batch.LineEncounterOf(l)))
            {
                lines++;
            }
        }

        if (encounters == batch.EncounterCount)
        {
            return (flags, persons.Count, encounters, lines);
        }

        var kept = new List<ReviewFlag>(flags.Count);
        foreach (var f in flags)
        {
            var inside = f.Lines.Where(l => Inside(batch.LineEncounterOf(l))).ToArray();
            if (f.Lines.Length == 0 ? !Inside(f.Encounter) : inside.Length == 0)
            {
                continue; // all of it before the period: the previous run's flag
            }

            if (inside.Length == f.Lines.Length && Inside(f.Encounter))
            {
                kept.Add(f);
                continue;
            }

            var encounter = Inside(f.Encounter) ? f.Encounter
                : inside.Select(batch.LineEncounterOf).MaxBy(e => (batch.EncounterAdmissionDay(e), e));
            var all = f.Lines.Sum(batch.LineAmountFen);
            var part = inside.Sum(batch.LineAmountFen);
            var amount = inside.Length == f.Lines.Length || all == 0 ? f.Amount
                : decimal.Round(f.Amount * part / all, 2, MidpointRounding.AwayFromZero);
            kept.Add(f with { Encounter = encounter, Lines = inside, Amount = amount });
        }

        return (kept, persons.Count, encounters, lines);
    }
}

/// <summary>事后审核: all enabled 事后 rules (or the listed ones) over the period; stores the run and its flags.</summary>
public sealed record RunReview(DateOnly From, DateOnly To, IReadOnlyList<string>? RuleCodes = null);

public sealed class RunReviewHandler(IAppDbContext db, ReviewEvaluator evaluator, IReviewFlagWriter writer, ICurrentUser user, TimeProvider clock)
{
    public const string DeductionSourceType = "review-deduction";

    public async Task<AppResult<ReviewRun>> HandleAsync(RunReview command, CancellationToken ct = default)
    {
        if (ReviewEvaluator.CheckPeriod(command.From, command.To) is { } bad)
        {
            return AppResult<ReviewRun>.Fail(bad);
        }

        var rules = await ExportReviewRulesHandler.LoadAsync(db, q => q.Where(r => r.Status == ReviewRuleStatus.Enabled), ct);
        rules = [.. rules.Where(r => (r.StageSet & ReviewStage.Post) != 0)];
        if (command.RuleCodes is { Count: > 0 } codes)
        {
            var missing = codes.Where(c => rules.All(r => r.Id != c)).ToList();
            if (missing.Count > 0)
            {
                return AppResult<ReviewRun>.Fail(missing.Select(m => new AppError(ReviewErrors.RuleNotFound, $"规则（--rules）：“{m}”不存在、未启用或不适用于事后审核", "rules")));
            }

            rules = [.. rules.Where(r => codes.Contains(r.Id))];
        }

        if (rules.Count == 0)
        {
            return AppResult<ReviewRun>.Fail(new AppError(ReviewErrors.RuleNotFound, "审核规则：没有启用的事后审核规则，请先导入或启用规则", "rules"));
        }

        var total = Stopwatch.StartNew();
        var ev = await evaluator.EvaluateAsync(command.From, command.To, rules, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new ReviewRun
        {
            FromDate = command.From, ToDate = command.To, RuleCodes = string.Join(",", rules.Select(r => r.Id)), RuleCount = rules.Count,
            PersonCount = ev.Persons, EncounterCount = ev.Encounters, LineCount = ev.Lines,
            FlagCount = ev.Flags.Count, FlagAmount = ev.Amount, ReadSeconds = ev.ReadSeconds, EvaluateSeconds = ev.EvaluateSeconds,
            StartedAt = now, StartedBy = user.UserName,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ReviewRuns.Add(run);
        await db.SaveChangesAsync(ct);
        var records = ToRecords(run.Id, ev);

        // 明确 flags are accepted automatically: one 扣款 entry per institution for the run.
        var today = clock.TodayInChina();
        var definite = records.Where(r => r.Result == ReviewResultType.Definite && r.Amount > 0).GroupBy(r => r.InstitutionId).ToList();
        foreach (var g in definite)
        {
            var entry = JournalEntry.Create(today, $"智能审核扣款：事后审核批次 {run.Id} 明确违规 {g.Count()} 条", DeductionSourceType,
                string.Create(CultureInfo.InvariantCulture, $"run-{run.Id}-{g.Key}"), 
                await ReviewDeduction.LinesAsync(db, g.Key, [.. g.Select(f => new ReviewDeduction.Item(f.EncounterId, f.Insutype, f.Amount))], ct));
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            foreach (var f in g)
            {
                f.Status = ReviewFlagStatus.Accepted;
                f.DecisionReason = "明确违规，自动扣款";
                f.DecidedBy = user.UserName;
                f.DecidedAt = now;
                f.JournalEntryId = entry.Id;
            }
        }

        await writer.WriteAsync(records, ct);
        run.AutoAccepted = definite.Sum(g => g.Count());
        run.AutoDeducted = definite.Sum(g => g.Sum(f => f.Amount));
        run.TotalSeconds = total.Elapsed.TotalSeconds;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AppResult<ReviewRun>.Ok(run);
    }

    /// <summary>The pool fund of the encounter's 险种 (a deduction's fund when no settlement says which funds paid, see <see cref="ReviewDeduction"/>).</summary>
    public static FundCode FundOf(string insutype) => insutype is "310" or "320" or "330" or "340" or "510" ? FundCode.EmployeePool : FundCode.ResidentPool;

    public static List<ReviewFlagRecord> ToRecords(long runId, ReviewEvaluation ev)
    {
        var d = ev.Data;
        var list = new List<ReviewFlagRecord>(ev.Flags.Count);
        var sb = new System.Text.StringBuilder();
        foreach (var f in ev.Flags)
        {
            sb.Clear();
            var first = int.MaxValue;
            var ids = f.Lines.Select(l => d.LineIds[l]).Order().ToArray();
            foreach (var id in ids)
            {
                if (sb.Length > 0)
                {
                    sb.Append(',');
                }

                sb.Append(id.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var l in f.Lines)
            {
                first = Math.Min(first, d.Batch.LineDayNumber(l));
            }

            list.Add(new ReviewFlagRecord
            {
                RunId = runId,
                RuleCode = f.RuleId,
                RuleName = Cut(f.RuleName, 200),
                RuleType = f.Type,
                Result = f.Result,
                InstitutionId = d.Batch.InstitutionOfEncounter(f.Encounter),
                PersonId = d.PersonIds[f.Person],
                EncounterId = d.EncounterIds[f.Encounter],
                Insutype = d.EncounterInsutypes[f.Encounter],
                FeeDate = first == int.MaxValue ? DateOnly.MinValue : DateOnly.FromDayNumber(first),
                LineIds = sb.ToString(),
                LineCount = f.Lines.Length,
                Amount = decimal.Round(f.Amount, 2, MidpointRounding.AwayFromZero),
                Parameter = Cut(f.Parameter, 400),
                Reason = Cut(f.Reason, 1000),
            });
        }

        return list;
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>测试规则: a draft (unsaved) rule, or stored rules, over a period — the same evaluation, nothing stored.</summary>
public sealed record TestReviewRules(DateOnly From, DateOnly To, IReadOnlyList<ReviewRule> Rules);

public sealed record ReviewTestFlag(string RuleCode, string RuleName, ReviewResultType Result, string Institution, string PsnNo, string MdtrtId, DateOnly FeeDate,
    int Lines, decimal Amount, string Parameter, string Reason);

public sealed record ReviewTestResult(int Persons, int Encounters, int Lines, double Seconds, IReadOnlyList<ReviewSummaryRow> ByRule, IReadOnlyList<ReviewSummaryRow> ByInstitution,
    IReadOnlyList<ReviewTestFlag> Sample, int FlagCount, decimal Amount);

public sealed class TestReviewRulesHandler(IAppDbContext db, ReviewEvaluator evaluator)
{
    public async Task<AppResult<ReviewTestResult>> HandleAsync(TestReviewRules query, CancellationToken ct = default)
    {
        if (ReviewEvaluator.CheckPeriod(query.From, query.To) is { } bad)
        {
            return AppResult<ReviewTestResult>.Fail(bad);
        }

        // A test evaluates the rule as given, whatever its status (a draft is tested before it is enabled).
        var rules = query.Rules.Select(r => r with { Status = ReviewRuleStatus.Enabled }).ToList();
        var ev = await evaluator.EvaluateAsync(query.From, query.To, rules, ct);
        var instIds = ev.Flags.Select(f => (long)ev.Data.Batch.InstitutionOfEncounter(f.Encounter)).Distinct().ToList();
        var names = await db.Institutions.AsNoTracking().Where(i => instIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code + " " + i.Name, ct);
        var sample = ev.Flags.OrderByDescending(f => f.Amount).Take(200).ToList();
        var encIds = sample.Select(f => ev.Data.EncounterIds[f.Encounter]).Distinct().ToList();
        var encs = await db.MedicalEncounters.AsNoTracking().Where(e => encIds.Contains(e.Id)).Select(e => new { e.Id, e.MdtrtId, e.PsnNo }).ToDictionaryAsync(e => e.Id, ct);
        var rows = sample.Select(f =>
        {
            var e = encs[ev.Data.EncounterIds[f.Encounter]];
            var first = f.Lines.Length == 0 ? DateOnly.MinValue : DateOnly.FromDayNumber(f.Lines.Min(l => ev.Data.Batch.LineDayNumber(l)));
            return new ReviewTestFlag(f.RuleId, f.RuleName, f.Result, names.GetValueOrDefault(ev.Data.Batch.InstitutionOfEncounter(f.Encounter), "?"), e.PsnNo, e.MdtrtId,
                first, f.Lines.Length, f.Amount, f.Parameter, f.Reason);
        }).ToList();
        return AppResult<ReviewTestResult>.Ok(new ReviewTestResult(ev.Persons, ev.Encounters, ev.Lines,
            ev.ReadSeconds + ev.EvaluateSeconds, ev.ByRule, ev.ByInstitution(i => names.GetValueOrDefault(i, "?")), rows, ev.Flags.Count, ev.Amount));
    }
}
