using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>参保单位查询: by 单位编号 / 统一社会信用代码 (exact) or 单位名称 (contains), paged, with the number of insured staff.</summary>
public sealed record SearchEmployers(string? Keyword, int Page = 1, int PageSize = 20);

public sealed record EmployerRow(long Id, string EmpNo, string Uscc, string Name, EmployerType Type, EmployerStatus Status, int Staff);

/// <summary>参保单位详情 with its staff (persons enrolled with the employer), paged.</summary>
public sealed record GetEmployerDetail(long EmployerId, int Page = 1, int PageSize = 20, bool ShowFullId = false);

public sealed record EmployerStaffRow(long PersonId, string PsnNo, string Certno, string Name, string Insutype, PersonCategory Category, EnrollmentStatus Status, DateOnly BeginDate, DateOnly? EndDate);

public sealed record EmployerDetail(Employer Employer, int InService, int Retired, PagedList<EmployerStaffRow> Staff);

public static class EmployerLabels
{
    public static string Of(EmployerType t) => t switch
    {
        EmployerType.Enterprise => "企业",
        EmployerType.GovernmentOrgan => "机关",
        EmployerType.PublicInstitution => "事业单位",
        EmployerType.SocialOrganization => "社会团体",
        EmployerType.IndividualBusiness => "个体工商户",
        _ => "未知",
    };

    public static string Of(EmployerStatus s) => s switch
    {
        EmployerStatus.Active => "正常",
        EmployerStatus.Suspended => "暂停",
        EmployerStatus.Closed => "注销",
        _ => "未知",
    };
}

public sealed class SearchEmployersHandler(IAppDbContext db)
{
    public async Task<PagedList<EmployerRow>> HandleAsync(SearchEmployers query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var filtered = Filter(query.Keyword);
        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await Project(filtered.OrderBy(e => e.EmployerNo).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PagedList<EmployerRow>(rows, page, pageSize, total);
    }

    public async Task<IReadOnlyList<Dictionary<string, object?>>> ExportAsync(SearchEmployers query, CancellationToken ct = default) =>
        (await Project(Filter(query.Keyword).OrderBy(e => e.EmployerNo)).ToListAsync(ct)).Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["单位编号"] = r.EmpNo,
            ["统一社会信用代码"] = r.Uscc,
            ["单位名称"] = r.Name,
            ["单位类型"] = EmployerLabels.Of(r.Type),
            ["状态"] = EmployerLabels.Of(r.Status),
            ["参保人数"] = r.Staff,
        }).ToList();

    private IQueryable<Employer> Filter(string? keyword)
    {
        var k = (keyword ?? string.Empty).Trim();
        var employers = db.Employers.AsNoTracking();
        if (k.Length == 0)
        {
            return employers;
        }

        if (CreditCode.TryParse(k.ToUpperInvariant(), out var code))
        {
            return employers.Where(e => e.CreditCode == code);
        }

        return employers.Where(e => e.EmployerNo == k || e.Name.Contains(k));
    }

    private IQueryable<EmployerRow> Project(IQueryable<Employer> employers) =>
        employers.Select(e => new EmployerRow(e.Id, e.EmployerNo, e.CreditCode.Value, e.Name, e.Type, e.Status,
            db.Enrollments.Count(x => x.EmployerId == e.Id && x.Status != EnrollmentStatus.Terminated)));
}

public sealed class GetEmployerDetailHandler(IAppDbContext db)
{
    public async Task<EmployerDetail?> HandleAsync(GetEmployerDetail query, CancellationToken ct = default)
    {
        var employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == query.EmployerId, ct);
        if (employer is null)
        {
            return null;
        }

        var staff = db.Enrollments.AsNoTracking().Where(e => e.EmployerId == employer.Id);
        var counts = await staff.Where(e => e.Status != EnrollmentStatus.Terminated).GroupBy(e => e.Category)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var total = await staff.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await staff.OrderBy(e => e.Status).ThenBy(e => e.PersonId).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Persons, e => e.PersonId, p => p.Id, (e, p) => new { p.Id, p.PersonNo, p.ResidentId, p.Name, e.InsuranceType, e.Category, e.Status, e.BeginDate, e.EndDate })
            .ToListAsync(ct);
        var list = rows.Select(r => new EmployerStaffRow(r.Id, r.PersonNo, query.ShowFullId ? r.ResidentId.Value : Masking.ResidentId(r.ResidentId.Value), r.Name,
            RegistryLookups.Code(r.InsuranceType), r.Category, r.Status, r.BeginDate, r.EndDate)).ToList();
        return new EmployerDetail(employer,
            counts.Where(c => c.Key == PersonCategory.InService).Sum(c => c.Count),
            counts.Where(c => c.Key == PersonCategory.Retired).Sum(c => c.Count),
            new PagedList<EmployerStaffRow>(list, page, pageSize, total));
    }
}
