using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Catalogs;

/// <summary>医保目录查询: code or name contains the text, optional 目录类别 and 甲乙丙; removed items only on request.</summary>
public sealed record SearchCatalog(string? Text, CatalogListType? ListType, PaymentCategory? Category, bool IncludeRemoved = false, int Page = 1, int PageSize = 50);

public sealed class SearchCatalogHandler(IAppDbContext db)
{
    public const int MaxExportRows = 100_000;

    public async Task<PagedList<CatalogEntry>> HandleAsync(SearchCatalog query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = Filter(query);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 500);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var items = await q.OrderBy(e => e.Code).Skip((page - 1) * size).Take(size).Include(e => e.SelfPayRatios).AsNoTracking().ToListAsync(ct);
        return new PagedList<CatalogEntry>(items, page, size, total);
    }

    /// <summary>Every matching item as domain items (for Excel/CSV export), ordered by code.</summary>
    public async Task<IReadOnlyList<CatalogItem>> ExportAsync(SearchCatalog query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await Filter(query).OrderBy(e => e.Code).Take(MaxExportRows).Include(e => e.SelfPayRatios).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => r.ToItem()).ToList();
    }

    private IQueryable<CatalogEntry> Filter(SearchCatalog query)
    {
        var q = db.CatalogEntries.AsQueryable();
        if (!query.IncludeRemoved)
        {
            q = q.Where(e => !e.Removed);
        }

        if (query.Text?.Trim() is { Length: > 0 } text)
        {
            q = q.Where(e => e.Code.Contains(text) || e.Name.Contains(text));
        }

        if (query.ListType is { } t)
        {
            q = q.Where(e => e.ListType == t);
        }

        if (query.Category is { } c)
        {
            q = q.Where(e => e.Category == c);
        }

        return q;
    }
}
