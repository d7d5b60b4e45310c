using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Policies;

namespace Yibao.Application.Policies;

/// <summary>A compiled, stored policy and the id of its version (settlements store <see cref="VersionId"/>).</summary>
public sealed record PolicySnapshot(long VersionId, string Code, CompiledPolicy Policy);

/// <summary>待遇政策 for settlement (issue 5 calls this).</summary>
public interface IPolicyProvider
{
    /// <summary>
    /// The 生效 version for <paramref name="poolArea"/> whose period contains <paramref name="onDate"/> and that has at
    /// least one scheme for <paramref name="insutype"/> (310/390/…); null when none.
    /// </summary>
    Task<PolicySnapshot?> GetPolicyAsync(string poolArea, string insutype, DateOnly onDate, CancellationToken ct = default);

    /// <summary>Exactly the stored version (any status), to recompute or explain a past settlement; null when unknown.</summary>
    Task<PolicySnapshot?> GetVersionAsync(long versionId, CancellationToken ct = default);
}

/// <summary>Process-wide cache of compiled 生效/停用 versions (their JSON no longer changes).</summary>
public sealed class PolicyCache
{
    internal ConcurrentDictionary<long, PolicySnapshot> Entries { get; } = new();
}

public sealed class PolicyProvider(IAppDbContext db, PolicyCache cache) : IPolicyProvider
{
    public async Task<PolicySnapshot?> GetPolicyAsync(string poolArea, string insutype, DateOnly onDate, CancellationToken ct = default)
    {
        var ids = await db.PolicyVersions
            .Where(v => v.PoolArea == poolArea && v.Status == PolicyStatus.Active && v.EffectiveFrom <= onDate && v.EffectiveTo >= onDate)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Id)
            .Select(v => v.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var s = await GetVersionAsync(id, ct);
            if (s is not null && s.Policy.Document.Schemes.Any(x => string.Equals(x.Insutype, insutype, StringComparison.Ordinal)))
            {
                return s;
            }
        }

        return null;
    }

    public async Task<PolicySnapshot?> GetVersionAsync(long versionId, CancellationToken ct = default)
    {
        if (cache.Entries.TryGetValue(versionId, out var hit))
        {
            return hit;
        }

        var v = await db.PolicyVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == versionId, ct);
        if (v is null)
        {
            return null;
        }

        var snapshot = new PolicySnapshot(v.Id, v.Code, CompiledPolicy.Compile(PolicyJson.Parse(v.Json)));
        if (v.Status != PolicyStatus.Draft)
        {
            cache.Entries[v.Id] = snapshot;
        }

        return snapshot;
    }
}
