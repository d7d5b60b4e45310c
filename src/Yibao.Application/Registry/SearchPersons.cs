using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>
/// 人员查询: by 身份证号 (exact, a valid 18-character number), 人员编号 (exact) or 姓名 (prefix), paged.
/// <see cref="ShowFullId"/> false masks 证件号码 (DESIGN §7) — only 经办员/审核员 see it whole.
/// </summary>
public sealed record SearchPersons(string? Keyword, int Page = 1, int PageSize = 20, bool ShowFullId = false);

public sealed record PersonRow(long Id, string PsnNo, string Certno, string Name, string Gender, DateOnly BirthDate, string? HouseholdNo, string Insurance);

public sealed class SearchPersonsHandler(IAppDbContext db)
{
    public const int MaxExportRows = 50_000;

    public async Task<PagedList<PersonRow>> HandleAsync(SearchPersons query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var filtered = Filter(query.Keyword);
        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await ProjectAsync(filtered.OrderBy(p => p.PersonNo).Skip((page - 1) * pageSize).Take(pageSize), query.ShowFullId, ct);
        return new PagedList<PersonRow>(rows, page, pageSize, total);
    }

    /// <summary>Rows for the Excel export (up to <see cref="MaxExportRows"/>), Chinese column names.</summary>
    public async Task<IReadOnlyList<Dictionary<string, object?>>> ExportAsync(SearchPersons query, CancellationToken ct = default)
    {
        var rows = await ProjectAsync(Filter(query.Keyword).OrderBy(p => p.PersonNo).Take(MaxExportRows), query.ShowFullId, ct);
        return rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["人员编号"] = r.PsnNo,
            ["证件号码"] = r.Certno,
            ["姓名"] = r.Name,
            ["性别"] = r.Gender,
            ["出生日期"] = r.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["户号"] = r.HouseholdNo,
            ["参保险种"] = r.Insurance,
        }).ToList();
    }

    private IQueryable<Person> Filter(string? keyword)
    {
        var k = (keyword ?? string.Empty).Trim();
        var persons = db.Persons.AsNoTracking();
        if (k.Length == 0)
        {
            return persons;
        }

        if (ResidentId.TryParse(k.ToUpperInvariant(), out var id))
        {
            return persons.Where(p => p.ResidentId == id);
        }

        return k.All(char.IsAsciiDigit)
            ? persons.Where(p => p.PersonNo == k)
            : persons.Where(p => p.Name.StartsWith(k));
    }

    private async Task<List<PersonRow>> ProjectAsync(IQueryable<Person> persons, bool showFullId, CancellationToken ct)
    {
        var list = await persons.Select(p => new
        {
            p.Id,
            p.PersonNo,
            p.ResidentId,
            p.Name,
            p.Gender,
            p.BirthDate,
            HouseholdNo = db.Households.Where(h => h.Id == p.HouseholdId).Select(h => h.HouseholdNo).FirstOrDefault(),
        }).ToListAsync(ct);
        var ids = list.Select(p => p.Id).ToList();
        var enrollments = ids.Count == 0
            ? []
            : await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.PersonId) && e.Status != EnrollmentStatus.Terminated)
                .Select(e => new { e.PersonId, e.InsuranceType, e.Category, e.Status }).ToListAsync(ct);
        var byPerson = enrollments.ToLookup(e => e.PersonId);
        return list.Select(p => new PersonRow(
            p.Id, p.PersonNo, showFullId ? p.ResidentId.Value : Masking.ResidentId(p.ResidentId.Value), p.Name,
            p.Gender == Domain.Common.Gender.Male ? "男" : "女", p.BirthDate, p.HouseholdNo,
            string.Join("；", byPerson[p.Id].OrderBy(e => e.InsuranceType).Select(e =>
                $"{RegistryLookups.Code(e.InsuranceType)} {RegistryNames.Of(e.Category)}{(e.Status == EnrollmentStatus.Suspended ? "（暂停）" : "")}"))))
            .ToList();
    }
}
