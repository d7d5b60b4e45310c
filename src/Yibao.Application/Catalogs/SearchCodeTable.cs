using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;

namespace Yibao.Application.Catalogs;

/// <summary>诊断目录 or 手术操作目录 search: code prefix or name contains the text; ordered by code (filtered and ordered on the entity, then projected).</summary>
public sealed record SearchCodeTable(bool Procedures, string? Text, int Page = 1, int PageSize = 50);

/// <summary>One row of 诊断目录 (diag_code, diag_name) or 手术操作目录 (oprn_oprt_code, oprn_oprt_name).</summary>
public sealed record CodeTableRow(string Code, string Name);

public sealed class SearchCodeTableHandler(IAppDbContext db)
{
    public const int MaxExportRows = 100_000;

    public async Task<PagedList<CodeTableRow>> HandleAsync(SearchCodeTable query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = Filter(query);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 500);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var items = await q.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<CodeTableRow>(items, page, size, total);
    }

    /// <summary>Every matching row (for the Excel export), ordered by code.</summary>
    public async Task<IReadOnlyList<CodeTableRow>> ExportAsync(SearchCodeTable query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await Filter(query).Take(MaxExportRows).ToListAsync(ct);
    }

    private IQueryable<CodeTableRow> Filter(SearchCodeTable query)
    {
        var text = query.Text?.Trim() is { Length: > 0 } t ? t : null;
        if (query.Procedures)
        {
            var p = db.Procedures.AsNoTracking();
            if (text is not null)
            {
                p = p.Where(r => r.Code.StartsWith(text) || r.Name.Contains(text));
            }

            return p.OrderBy(r => r.Code).Select(r => new CodeTableRow(r.Code, r.Name));
        }

        var d = db.Diagnoses.AsNoTracking();
        if (text is not null)
        {
            d = d.Where(r => r.Code.StartsWith(text) || r.Name.Contains(text));
        }

        return d.OrderBy(r => r.Code).Select(r => new CodeTableRow(r.Code, r.Name));
    }
}
