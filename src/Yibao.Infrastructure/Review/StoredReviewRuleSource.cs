using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
/// </summary>
public sealed class StoredReviewRuleSource(IServiceScopeFactory scopes, TimeProvider clock) : IReviewRuleSource, IReviewRuleCache, IDisposable
{
    public static readonly TimeSpan StampInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;

    private sealed record Cached(InlineReviewerResult Result, (int Count, long Versions) Stamp, DateTimeOffset CheckedAt);

    public void Dispose() => _gate.Dispose();

    public void Invalidate() => _cached = null;

    public async Task<InlineReviewerResult> GetInlineReviewerAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } c && now - c.CheckedAt < StampInterval)
        {
            return c.Result;
        }

        await _gate.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stamp = await StampAsync(db, ct);
            if (_cached is { } again && again.Stamp == stamp)
            {
                _cached = again with { CheckedAt = now };
                return again.Result;
            }

            var rows = await db.ReviewRules.AsNoTracking().Where(r => r.Status == ReviewRuleStatus.Enabled).OrderBy(r => r.RuleCode).ToListAsync(ct);
            var rules = rows.Select(r => r.ToRule()).Where(r => (r.StageSet & ReviewStage.During) != 0).ToList();
            var result = rules.Count == 0
                ? InlineReviewerResult.None
                : new InlineReviewerResult(new InlineReviewer(new ReviewRuleSet { Id = "stored-v" + stamp.Versions.ToString(System.Globalization.CultureInfo.InvariantCulture), Name = "已存储的审核规则", Rules = rules }),
                    "stored-v" + stamp.Versions.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
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

/// <summary>
/// The 事中 rule source for settlement: the file named by <c>YIBAO_REVIEW_RULES</c> when that setting is given (an override,
/// as before), otherwise the stored rules.
/// </summary>
public sealed class ReviewRuleSourceSelector(IConfiguration configuration, StoredReviewRuleSource stored) : IReviewRuleSource, IDisposable
{
    private readonly FileReviewRuleSource? _file = string.IsNullOrWhiteSpace(configuration["YIBAO_REVIEW_RULES"]) ? null : new FileReviewRuleSource(configuration);

    public Task<InlineReviewerResult> GetInlineReviewerAsync(CancellationToken ct = default) =>
        _file is not null ? _file.GetInlineReviewerAsync(ct) : stored.GetInlineReviewerAsync(ct);

    public void Dispose() => _file?.Dispose();
}
