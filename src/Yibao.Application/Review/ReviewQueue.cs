using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Review;

namespace Yibao.Application.Review;

/// <summary>审核疑点查询 (review queue): by run, institution (code or name), rule, status, result; paged.</summary>
public sealed record SearchReviewFlags(long? RunId = null, string? Institution = null, string? Rule = null, ReviewFlagStatus? Status = null,
    ReviewResultType? Result = null, int Page = 1, int PageSize = 20);

/// <summary>One queue row; 证件号码 is masked (the queue needs the person number, not the ID).</summary>
public sealed record ReviewFlagRow(long Id, long RunId, string RuleCode, string RuleName, ReviewRuleType RuleType, ReviewResultType Result, string InstitutionCode,
    string InstitutionName, string PsnNo, string PersonName, string MdtrtId, DateOnly FeeDate, int LineCount, string LineIds, decimal Amount, string Parameter,
    string Reason, ReviewFlagStatus Status, string? DecisionReason, string? DecidedBy, DateTime? DecidedAt, long? JournalEntryId);

/// <summary>统计 row: per institution or per rule, counts and amounts by status.</summary>
public sealed record ReviewStatRow(string Key, string Name, int Flags, decimal Amount, int Pending, int Accepted, decimal Deducted, int Dismissed);

public sealed record ReviewStatistics(IReadOnlyList<ReviewStatRow> ByInstitution, IReadOnlyList<ReviewStatRow> ByRule);

public sealed class SearchReviewFlagsHandler(IAppDbContext db)
{
    private IQueryable<ReviewFlagRecord> Filter(SearchReviewFlags q)
    {
        var flags = db.ReviewFlags.AsNoTracking();
        if (q.RunId is { } run)
        {
            flags = flags.Where(f => f.RunId == run);
        }

        if (!string.IsNullOrWhiteSpace(q.Institution))
        {
            var t = q.Institution.Trim();
            var ids = db.Institutions.Where(i => i.Code == t || i.Name.Contains(t)).Select(i => i.Id);
            flags = flags.Where(f => ids.Contains(f.InstitutionId));
        }

        if (!string.IsNullOrWhiteSpace(q.Rule))
        {
            var t = q.Rule.Trim();
            flags = flags.Where(f => f.RuleCode == t || f.RuleName.Contains(t));
        }

        if (q.Status is { } s)
        {
            flags = flags.Where(f => f.Status == s);
        }

        if (q.Result is { } r)
        {
            flags = flags.Where(f => f.Result == r);
        }

        return flags;
    }

    public async Task<PagedList<ReviewFlagRow>> HandleAsync(SearchReviewFlags q, CancellationToken ct = default)
    {
        var page = Math.Max(1, q.Page);
        var size = Math.Clamp(q.PageSize, 1, 500);
        var filtered = Filter(q);
        var total = await filtered.CountAsync(ct);
        var rows = await Project(filtered.OrderByDescending(f => (double)f.Amount).ThenBy(f => f.Id).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new PagedList<ReviewFlagRow>(rows, page, size, total);
    }

    public async Task<ReviewFlagRow?> GetAsync(long id, CancellationToken ct = default) =>
        await Project(db.ReviewFlags.AsNoTracking().Where(f => f.Id == id)).FirstOrDefaultAsync(ct);

    private IQueryable<ReviewFlagRow> Project(IQueryable<ReviewFlagRecord> flags) =>
        from f in flags
        join i in db.Institutions on f.InstitutionId equals i.Id
        join p in db.Persons on f.PersonId equals p.Id
        join e in db.MedicalEncounters on f.EncounterId equals e.Id
        select new ReviewFlagRow(f.Id, f.RunId, f.RuleCode, f.RuleName, f.RuleType, f.Result, i.Code, i.Name, e.PsnNo, p.Name, e.MdtrtId, f.FeeDate, f.LineCount,
            f.LineIds, f.Amount, f.Parameter, f.Reason, f.Status, f.DecisionReason, f.DecidedBy, f.DecidedAt, f.JournalEntryId);

    /// <summary>Per-institution and per-rule statistics of the flags matching the filter (status filter ignored).</summary>
    public async Task<ReviewStatistics> StatisticsAsync(SearchReviewFlags q, CancellationToken ct = default)
    {
        var filtered = Filter(q with { Status = null });
        var byInst = await filtered.GroupBy(f => f.InstitutionId).Select(g => new
        {
            g.Key, Flags = g.Count(), Amount = g.Sum(f => f.Amount), Pending = g.Count(f => f.Status == ReviewFlagStatus.Pending),
            Accepted = g.Count(f => f.Status == ReviewFlagStatus.Accepted), Dismissed = g.Count(f => f.Status == ReviewFlagStatus.Dismissed),
            Deducted = g.Where(f => f.Status == ReviewFlagStatus.Accepted).Sum(f => f.Amount),
        }).ToListAsync(ct);
        var ids = byInst.Select(x => x.Key).ToList();
        var names = await db.Institutions.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => (i.Code, i.Name), ct);
        var byRule = await filtered.GroupBy(f => new { f.RuleCode, f.RuleName }).Select(g => new
        {
            g.Key.RuleCode, g.Key.RuleName, Flags = g.Count(), Amount = g.Sum(f => f.Amount), Pending = g.Count(f => f.Status == ReviewFlagStatus.Pending),
            Accepted = g.Count(f => f.Status == ReviewFlagStatus.Accepted), Dismissed = g.Count(f => f.Status == ReviewFlagStatus.Dismissed),
            Deducted = g.Where(f => f.Status == ReviewFlagStatus.Accepted).Sum(f => f.Amount),
        }).ToListAsync(ct);
        return new ReviewStatistics(
            [.. byInst.Select(x => new ReviewStatRow(names[x.Key].Code, names[x.Key].Name, x.Flags, x.Amount, x.Pending, x.Accepted, x.Deducted, x.Dismissed))
                .OrderByDescending(r => r.Amount).ThenBy(r => r.Key, StringComparer.Ordinal)],
            [.. byRule.GroupBy(x => x.RuleCode).Select(g => new ReviewStatRow(g.Key, g.First().RuleName, g.Sum(x => x.Flags), g.Sum(x => x.Amount), g.Sum(x => x.Pending),
                g.Sum(x => x.Accepted), g.Sum(x => x.Deducted), g.Sum(x => x.Dismissed))).OrderBy(r => r.Key, StringComparer.Ordinal)]);
    }

    public async Task<IReadOnlyList<ReviewRun>> RunsAsync(int take = 50, CancellationToken ct = default) =>
        await db.ReviewRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
}

/// <summary>
/// 审核决定: accept (确认) a pending flag — a 扣款 of its amount posted in the ledger (Dr 2101 应付定点医药机构结算款 for the
/// institution / Cr 5001 医疗待遇支出, in the pool fund of the encounter's 险种), dated today so it appears on the
/// institution's statement of this month (the next statement) — or dismiss (剔除) it with a reason. Audited.
/// </summary>
public sealed record DecideReviewFlag(long FlagId, bool Accept, string? Reason);

public sealed class DecideReviewFlagHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<ReviewFlagRecord>> HandleAsync(DecideReviewFlag c, CancellationToken ct = default)
    {
        var reason = (c.Reason ?? "").Trim();
        if (!c.Accept && reason.Length == 0)
        {
            return AppResult<ReviewFlagRecord>.Fail(new AppError(ReviewErrors.Validation, "剔除理由：剔除疑点必须填写理由", "reason"));
        }

        if (reason.Length > 500)
        {
            return AppResult<ReviewFlagRecord>.Fail(new AppError(ReviewErrors.Validation, "审核意见：不能超过 500 个字", "reason"));
        }

        var flag = await db.ReviewFlags.FirstOrDefaultAsync(f => f.Id == c.FlagId, ct);
        if (flag is null)
        {
            return AppResult<ReviewFlagRecord>.Fail(new AppError(ReviewErrors.FlagNotFound, $"疑点：编号 {c.FlagId} 不存在", "flag"));
        }

        if (flag.Status != ReviewFlagStatus.Pending)
        {
            return AppResult<ReviewFlagRecord>.Fail(new AppError(ReviewErrors.AlreadyDecided, $"疑点：编号 {c.FlagId} 已{flag.Status.ChineseName()}，不能重复处理", "flag"));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        flag.DecidedAt = clock.GetUtcNow().UtcDateTime;
        flag.DecidedBy = user.UserName;
        flag.DecisionReason = reason.Length == 0 ? null : reason;
        if (c.Accept)
        {
            flag.Status = ReviewFlagStatus.Accepted;
            if (flag.Amount > 0)
            {
                var entry = JournalEntry.Create(clock.TodayInChina(), Cut($"智能审核扣款：疑点 {flag.Id}（{flag.RuleCode} {flag.RuleName}）"), RunReviewHandler.DeductionSourceType,
                    "flag-" + flag.Id.ToString(CultureInfo.InvariantCulture), 
                    await ReviewDeduction.LinesAsync(db, flag.InstitutionId, [new ReviewDeduction.Item(flag.EncounterId, flag.Insutype, flag.Amount)], ct));
                db.JournalEntries.Add(entry);
                await db.SaveChangesAsync(ct);
                flag.JournalEntryId = entry.Id;
            }
        }
        else
        {
            flag.Status = ReviewFlagStatus.Dismissed;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AppResult<ReviewFlagRecord>.Ok(flag);
    }

    private static string Cut(string s) => s.Length <= 200 ? s : s[..200];
}
