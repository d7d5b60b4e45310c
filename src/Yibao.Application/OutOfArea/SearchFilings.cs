using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.OutOfArea;
using Yibao.Domain.Registry;

namespace Yibao.Application.OutOfArea;

/// <summary>
/// 备案查询: by person (人员编号, 身份证号 or 姓名 prefix), 备案类别, 状态 and a date the filing covers; paged, newest first.
/// </summary>
public sealed record SearchFilings(string? Person = null, string? FilingType = null, string? Status = null, DateOnly? ValidOn = null, int Page = 1, int PageSize = 20, long? PersonId = null);

public sealed record FilingRow(long Id, string FilingNo, long PersonId, string PsnNo, string PsnName, string Insutype, string TypeName, string DestinationCode, string DestinationName,
    string? DestinationHospital, DateOnly BeginDate, DateOnly? EndDate, string StatusName, bool Valid, string Reason, string? CancelReason, string CreatedBy);

public sealed class SearchFilingsHandler(IAppDbContext db)
{
    public const int MaxExportRows = 50_000;

    public async Task<PagedList<FilingRow>> HandleAsync(SearchFilings query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var filtered = Filter(query);
        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await ProjectAsync(filtered.OrderByDescending(f => f.Id).Skip((page - 1) * pageSize).Take(pageSize), ct);
        return new PagedList<FilingRow>(rows, page, pageSize, total);
    }

    public async Task<IReadOnlyList<Dictionary<string, object?>>> ExportAsync(SearchFilings query, CancellationToken ct = default)
    {
        var rows = await ProjectAsync(Filter(query).OrderByDescending(f => f.Id).Take(MaxExportRows), ct);
        return rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["备案号"] = r.FilingNo,
            ["人员编号"] = r.PsnNo,
            ["姓名"] = r.PsnName,
            ["险种"] = r.Insutype,
            ["备案类别"] = r.TypeName,
            ["就医地区划"] = r.DestinationCode,
            ["就医地"] = r.DestinationName,
            ["就医机构"] = r.DestinationHospital,
            ["开始日期"] = r.BeginDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["结束日期"] = r.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "长期",
            ["状态"] = r.StatusName,
            ["备案原因"] = r.Reason,
            ["撤销原因"] = r.CancelReason,
            ["经办人"] = r.CreatedBy,
        }).ToList();
    }

    private IQueryable<OutOfAreaFiling> Filter(SearchFilings q)
    {
        var filings = db.OutOfAreaFilings.AsNoTracking();
        if (q.PersonId is { } pid)
        {
            filings = filings.Where(f => f.PersonId == pid);
        }

        var k = (q.Person ?? "").Trim();
        if (k.Length > 0)
        {
            if (ResidentId.TryParse(k.ToUpperInvariant(), out var id))
            {
                filings = filings.Where(f => db.Persons.Any(p => p.Id == f.PersonId && p.ResidentId == id));
            }
            else
            {
                filings = filings.Where(f => f.PsnNo == k || db.Persons.Any(p => p.Id == f.PersonId && p.Name.StartsWith(k)));
            }
        }

        if (OutOfAreaFilings.TryParseType(q.FilingType, out var type))
        {
            filings = filings.Where(f => f.Type == type);
        }

        if (q.Status == "1")
        {
            filings = filings.Where(f => f.Status == FilingStatus.Valid);
        }
        else if (q.Status == "2")
        {
            filings = filings.Where(f => f.Status == FilingStatus.Cancelled);
        }

        if (q.ValidOn is { } d)
        {
            filings = filings.Where(f => f.Status == FilingStatus.Valid && f.BeginDate <= d && (f.EndDate == null || f.EndDate >= d));
        }

        return filings;
    }

    private async Task<List<FilingRow>> ProjectAsync(IQueryable<OutOfAreaFiling> q, CancellationToken ct)
    {
        var list = await q.Join(db.Persons, f => f.PersonId, p => p.Id, (f, p) => new { f, p.Name }).ToListAsync(ct);
        return list.OrderByDescending(x => x.f.Id).Select(x => new FilingRow(x.f.Id, x.f.FilingNo, x.f.PersonId, x.f.PsnNo, x.Name, x.f.Insutype, OutOfAreaFiling.TypeName(x.f.Type), x.f.DestinationCode,
            x.f.DestinationName, x.f.DestinationHospitalName, x.f.BeginDate, x.f.EndDate, OutOfAreaFiling.StatusName(x.f.Status), x.f.Status == FilingStatus.Valid,
            x.f.Reason, x.f.CancelReason, x.f.CreatedBy)).ToList();
    }
}
