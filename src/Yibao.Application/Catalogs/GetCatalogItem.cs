using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Catalogs;

/// <summary>目录条目详情 with its change history (newest first).</summary>
public sealed record CatalogItemHistoryRow(int VersionNumber, DateTime AtUtc, string By, string FileName, string ChangeType, string Summary);

public sealed record CatalogItemDetail(CatalogEntry Entry, CatalogItem Item, IReadOnlyList<CatalogItemHistoryRow> History);

public sealed class GetCatalogItemHandler(IAppDbContext db)
{
    public async Task<CatalogItemDetail?> HandleAsync(string code, CancellationToken ct = default)
    {
        var entry = await db.CatalogEntries.Include(e => e.SelfPayRatios).AsNoTracking().FirstOrDefaultAsync(e => e.Code == code, ct);
        if (entry is null)
        {
            return null;
        }

        var history = await db.CatalogEntryChanges.Where(c => c.Code == code)
            .Join(db.CatalogVersions, c => c.VersionId, v => v.Id, (c, v) => new { c, v })
            .OrderByDescending(x => x.v.Number)
            .Select(x => new CatalogItemHistoryRow(x.v.Number, x.v.ImportedAtUtc, x.v.ImportedBy, x.v.FileName, x.c.ChangeType, x.c.Summary))
            .ToListAsync(ct);
        return new CatalogItemDetail(entry, entry.ToItem(), history);
    }
}

/// <summary>目录版本列表 (newest first).</summary>
public sealed class ListCatalogVersionsHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<CatalogVersion>> HandleAsync(int take = 50, CancellationToken ct = default) =>
        await db.CatalogVersions.OrderByDescending(v => v.Number).Take(take).AsNoTracking().ToListAsync(ct);
}
