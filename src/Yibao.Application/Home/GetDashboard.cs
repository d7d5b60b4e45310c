using Microsoft.EntityFrameworkCore;
using Yibao.Application.Admin;
using Yibao.Application.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Home;

/// <summary>首页概览: real figures from the database.</summary>
public sealed record Dashboard(
    int Persons,
    int Households,
    int Employers,
    int Institutions,
    IReadOnlyList<KeyValuePair<InstitutionType, int>> InstitutionsByType,
    int StaffUsers,
    int AuditEntriesToday);

public sealed class GetDashboardHandler(IAppDbContext db, IStaffDirectory staff, TimeProvider clock)
{
    public async Task<Dashboard> HandleAsync(CancellationToken cancellationToken = default)
    {
        var byType = await db.Institutions.AsNoTracking()
            .GroupBy(i => i.Type)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var nowChina = clock.GetUtcNow().UtcDateTime + SearchAuditEntriesHandler.ChinaOffset;
        var todayStartUtc = nowChina.Date - SearchAuditEntriesHandler.ChinaOffset;
        todayStartUtc = DateTime.SpecifyKind(todayStartUtc, DateTimeKind.Utc);
        return new Dashboard(
            await db.Persons.CountAsync(cancellationToken),
            await db.Households.CountAsync(cancellationToken),
            await db.Employers.CountAsync(cancellationToken),
            byType.Sum(x => x.Count),
            byType.OrderBy(x => x.Key).Select(x => new KeyValuePair<InstitutionType, int>(x.Key, x.Count)).ToList(),
            await staff.CountAsync(cancellationToken),
            await db.AuditEntries.CountAsync(a => a.AtUtc >= todayStartUtc, cancellationToken));
    }
}
