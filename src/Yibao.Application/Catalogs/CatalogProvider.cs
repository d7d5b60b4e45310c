using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Catalogs;

/// <summary>The stored catalog as the settlement engine needs it, with the catalog version it came from.</summary>
public sealed record CatalogSnapshot(long VersionId, int VersionNumber, Catalog Catalog);

/// <summary>
/// 医保目录 for settlement (issue 5 calls this): the items in the catalog (not removed) with the 先行自付比例
/// periods of <c>poolArea</c> and the national defaults, and the diagnoses. The engine picks the period for the
/// encounter date itself (<see cref="CatalogItem.SelfPayRatio"/>); <c>onDate</c> only drops periods that ended before it.
/// </summary>
public interface ICatalogProvider
{
    /// <summary>Null when no catalog has been imported yet.</summary>
    Task<CatalogSnapshot?> GetCatalogAsync(string poolArea, DateOnly onDate, CancellationToken ct = default);
}

/// <summary>Process-wide cache of built catalogs, keyed by 统筹区, year and catalog version (a new import invalidates it).</summary>
public sealed class CatalogCache
{
    internal ConcurrentDictionary<(string Area, int Year, long Version), CatalogSnapshot> Entries { get; } = new();
}

public sealed class CatalogProvider(IAppDbContext db, CatalogCache cache) : ICatalogProvider
{
    public async Task<CatalogSnapshot?> GetCatalogAsync(string poolArea, DateOnly onDate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(poolArea);
        var latest = await db.CatalogVersions.OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return null;
        }

        var key = (poolArea, onDate.Year, latest.Id);
        if (cache.Entries.TryGetValue(key, out var hit))
        {
            return hit;
        }

        var yearStart = new DateOnly(onDate.Year, 1, 1);
        var entries = await db.CatalogEntries.Where(e => !e.Removed).Include(e => e.SelfPayRatios).AsNoTracking().ToListAsync(ct);
        var items = entries.Select(e =>
        {
            var item = e.ToItem(poolArea);
            return item.SelfPayRatios.Count == 0 ? item : item with { SelfPayRatios = item.SelfPayRatios.Where(p => p.To >= yearStart).ToArray() };
        });
        var diagnoses = await db.Diagnoses.AsNoTracking().Select(d => new Diagnosis(d.Code, d.Name)).ToListAsync(ct);
        var snapshot = new CatalogSnapshot(latest.Id, latest.Number, new Catalog(items, diagnoses));
        foreach (var old in cache.Entries.Keys.Where(k => k.Version != latest.Id))
        {
            cache.Entries.TryRemove(old, out _);
        }

        cache.Entries[key] = snapshot;
        return snapshot;
    }
}
