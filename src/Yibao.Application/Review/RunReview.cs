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

/// <summary>What a run or a draft test found, before anything is stored.</summary>
public sealed record ReviewEvaluation(ReviewBatchData Data, IReadOnlyList<ReviewRule> Rules, List<ReviewFlag> Flags, double ReadSeconds, double EvaluateSeconds)
{
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
        var data = await reader.ReadAsync(from, to, items, ct);
        var read = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var flags = engine.Evaluate(data.Batch);
        return new ReviewEvaluation(data, engineRules, flags, read, watch.Elapsed.TotalSeconds);
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
            PersonCount = ev.Data.Batch.PersonCount, EncounterCount = ev.Data.Batch.EncounterCount, LineCount = ev.Data.Batch.LineCount,
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
                string.Create(CultureInfo.InvariantCulture, $"run-{run.Id}-{g.Key}"), DeductionLines(g.Key, g.Select(f => (f.Insutype, f.Amount))));
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

    /// <summary>The fund a deduction returns to: the pool fund of the encounter's 险种 (the fund that paid the 统筹 part).</summary>
    public static FundCode FundOf(string insutype) => insutype is "310" or "320" or "330" or "340" or "510" ? FundCode.EmployeePool : FundCode.ResidentPool;

    /// <summary>Balanced 扣款 lines per fund: Dr 2101 应付定点医药机构结算款 (the institution is owed less) / Cr 5001 医疗待遇支出.</summary>
    public static List<JournalLine> DeductionLines(long institutionId, IEnumerable<(string Insutype, decimal Amount)> amounts)
    {
        var lines = new List<JournalLine>();
        foreach (var fund in amounts.GroupBy(a => FundOf(a.Insutype)).OrderBy(g => g.Key))
        {
            var sum = fund.Sum(a => a.Amount);
            if (sum <= 0)
            {
                continue;
            }

            lines.Add(new JournalLine { Fund = fund.Key, AccountCode = LedgerAccounts.InstitutionPayable, Debit = sum, InstitutionId = institutionId });
            lines.Add(new JournalLine { Fund = fund.Key, AccountCode = LedgerAccounts.BenefitExpense, Credit = sum, InstitutionId = institutionId });
        }

        return lines;
    }

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
        return AppResult<ReviewTestResult>.Ok(new ReviewTestResult(ev.Data.Batch.PersonCount, ev.Data.Batch.EncounterCount, ev.Data.Batch.LineCount,
            ev.ReadSeconds + ev.EvaluateSeconds, ev.ByRule, ev.ByInstitution(i => names.GetValueOrDefault(i, "?")), rows, ev.Flags.Count, ev.Amount));
    }
}
