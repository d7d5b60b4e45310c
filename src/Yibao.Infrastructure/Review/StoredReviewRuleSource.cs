using Microsoft.EntityFrameworkCore;
using Yibao.Application.Review;
using Yibao.Domain.Review;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Infrastructure.Review;

/// <summary>
/// 事中审核 rules from the review_rules table: the enabled rules whose stages include 事中, compiled once into a shared
/// <see cref="InlineReviewer"/> and cached. The cache is dropped when a rule is changed in this process
/// (<see cref="IReviewRuleCache.Invalidate"/>) and, for changes made by another process (CLI import while the web app runs),
/// when the table's stamp (rule count and highest version sum) differs — checked at most every <see cref="StampInterval"/>.
/// No enabled 事中 rule = no review (settlements unchanged).
/// <para>
/// The check reads through the caller's own context (<see cref="StoredReviewRuleSource"/>), inside the settlement's
/// transaction: a settlement never needs a second connection. (It used to open its own scope; with every pooled connection
/// held by a settlement waiting for the check, the check waited for a connection until the pool's timeout.) While one
/// request checks, the others go on with the copy in hand instead of queueing behind it.
/// </para>
/// </summary>
public sealed class StoredReviewRuleCache(TimeProvider clock) : IReviewRuleCache, IDisposable
{
    public static readonly TimeSpan StampInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;

    private sealed record Cached(InlineReviewerResult Result, (int Count, long Versions) Stamp, DateTimeOffset CheckedAt);

    public void Dispose() => _gate.Dispose();

    public void Invalidate() => _cached = null;

    public async Task<InlineReviewerResult> GetAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        var held = _cached;
        if (held is not null && now - held.CheckedAt < StampInterval)
        {
            return held.Result;
        }

        if (held is null)
        {
            await _gate.WaitAsync(ct);
        }
        else if (!_gate.Wait(0, CancellationToken.None))
        {
            return held.Result;
        }

        try
        {
            var stamp = await StampAsync(db, ct);
            if (_cached is { } again && again.Stamp == stamp)
            {
                _cached = again with { CheckedAt = now };
                return again.Result;
            }

            var rows = await db.ReviewRules.AsNoTracking().Where(r => r.Status == ReviewRuleStatus.Enabled).OrderBy(r => r.RuleCode).ToListAsync(ct);
            var rules = rows.Select(r => r.ToRule()).Where(r => (r.StageSet & ReviewStage.During) != 0).ToList();
            var id = "stored-v" + stamp.Versions.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var result = rules.Count == 0
                ? InlineReviewerResult.None
                : new InlineReviewerResult(new InlineReviewer(new ReviewRuleSet { Id = id, Name = "已存储的审核规则", Rules = rules }), id, null);
            _cached = new Cached(result, stamp, now);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<(int Count, long Versions)> StampAsync(AppDbContext db, CancellationToken ct)
    {
        var count = await db.ReviewRules.CountAsync(ct);
        return count == 0 ? (0, 0) : (count, await db.ReviewRules.SumAsync(r => (long)r.Version, ct));
    }
}

/// <summary>The stored 事中 rules, read through the request's own context (see <see cref="StoredReviewRuleCache"/>).</summary>
public sealed class StoredReviewRuleSource(StoredReviewRuleCache cache, AppDbContext db) : IReviewRuleSource
{
    public Task<InlineReviewerResult> GetInlineReviewerAsync(CancellationToken ct = default) => cache.GetAsync(db, ct);
}
