using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Admin;

namespace Yibao.Application.Admin;

/// <summary>审计日志查询: filter by user, date range (inclusive, China Standard Time dates) and entity.</summary>
public sealed record SearchAuditEntries(string? UserName = null, DateOnly? From = null, DateOnly? To = null, string? Entity = null, int Page = 1, int PageSize = 50);

public sealed class SearchAuditEntriesHandler(IAppDbContext db)
{
    /// <summary>The agency works in China Standard Time (UTC+8, no daylight saving).</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public IQueryable<AuditEntry> Filter(SearchAuditEntries query)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            var name = query.UserName.Trim();
            q = q.Where(a => a.UserName == name);
        }

        if (!string.IsNullOrWhiteSpace(query.Entity))
        {
            var entity = query.Entity.Trim();
            q = q.Where(a => a.Entity == entity);
        }

        if (query.From is { } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaOffset;
            q = q.Where(a => a.AtUtc >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaOffset;
            q = q.Where(a => a.AtUtc < toUtc);
        }

        return q.OrderByDescending(a => a.Id);
    }

    public async Task<PagedList<AuditEntry>> HandleAsync(SearchAuditEntries query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var page = Math.Max(1, query.Page);
        var q = Filter(query);
        var total = await q.CountAsync(cancellationToken);
        var items = await q.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<AuditEntry>(items, page, pageSize, total);
    }

    /// <summary>All matching entries for export (capped at 100,000 rows).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ExportAsync(SearchAuditEntries query, CancellationToken cancellationToken = default) =>
        await Filter(query).Take(100_000).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> EntityNamesAsync(CancellationToken cancellationToken = default) =>
        await db.AuditEntries.AsNoTracking().Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync(cancellationToken);
}
