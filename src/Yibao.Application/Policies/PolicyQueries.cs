using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Policies;

namespace Yibao.Application.Policies;

/// <summary>待遇政策参数集 list (newest period first), one version, and the diff of two versions.</summary>
public sealed class PolicyQueriesHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<PolicyVersion>> ListAsync(string? poolArea = null, CancellationToken ct = default)
    {
        var q = db.PolicyVersions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(poolArea))
        {
            q = q.Where(v => v.PoolArea == poolArea);
        }

        return await q.OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Id).ToListAsync(ct);
    }

    public Task<PolicyVersion?> GetAsync(long id, CancellationToken ct = default) =>
        db.PolicyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);

    public async Task<AppResult<IReadOnlyList<PolicyDiffLine>>> DiffAsync(long beforeId, long afterId, CancellationToken ct = default)
    {
        var a = await GetAsync(beforeId, ct);
        var b = await GetAsync(afterId, ct);
        if (a is null || b is null)
        {
            return AppResult<IReadOnlyList<PolicyDiffLine>>.Fail(new AppError("not-found", "参数集：要比较的版本不存在", a is null ? "a" : "b"));
        }

        return AppResult<IReadOnlyList<PolicyDiffLine>>.Ok(PolicyDiff.Compare(Canonical(a.Json), Canonical(b.Json)));
    }

    /// <summary>
    /// Both sides as the serializer writes them, so a hand-written file and its clone differ only in parameters (not in
    /// comments, field order or omitted defaults such as <c>adjustments: []</c>); stored JSON always parses, but fall back to the text.
    /// </summary>
    private static string Canonical(string json)
    {
        try
        {
            return PolicyJson.Write(PolicyJson.Parse(json));
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }
}
