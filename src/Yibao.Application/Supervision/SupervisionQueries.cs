using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

public sealed record InstitutionRef(long Id, string Code, string Name, InstitutionType Type, AgreementStatus Status, string? StatusReason);

public sealed record InspectionRow(Inspection Inspection, InstitutionRef Institution, IReadOnlyList<EvidenceInfo> Evidence, IReadOnlyDictionary<long, string> FindingCaseNos);

public sealed record InspectionPlanDetail(InspectionPlan Plan, IReadOnlyList<InspectionRow> Inspections);

public sealed record InspectionPlanRow(InspectionPlan Plan, int Institutions, int Inspected, int Findings, decimal FindingAmount);

/// <summary>检查计划 list (newest first) and one plan with its inspections, findings and evidence.</summary>
public sealed class InspectionQueriesHandler(IAppDbContext db, GetEvidenceHandler evidence)
{
    public async Task<IReadOnlyList<InspectionPlanRow>> ListAsync(int? year, CancellationToken ct = default)
    {
        var q = db.InspectionPlans.AsNoTracking().Include(p => p.Inspections).ThenInclude(i => i.Findings).AsQueryable();
        if (year is { } y)
        {
            q = q.Where(p => p.PeriodTo >= new DateOnly(y, 1, 1) && p.PeriodFrom <= new DateOnly(y, 12, 31));
        }

        var plans = await q.OrderByDescending(p => p.Id).Take(200).ToListAsync(ct);
        return plans.Select(p => new InspectionPlanRow(p, p.Inspections.Count, p.Inspections.Count(i => i.InspectedOn is not null),
            p.Inspections.Sum(i => i.Findings.Count), p.Inspections.Sum(i => i.Findings.Sum(f => f.Amount)))).ToList();
    }

    public async Task<InspectionPlanDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        var plan = await db.InspectionPlans.AsNoTracking().Include(p => p.Inspections).ThenInclude(i => i.Findings).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }

        var ids = plan.Inspections.Select(i => i.InstitutionId).ToList();
        var institutions = await db.Institutions.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new InstitutionRef(i.Id, i.Code, i.Name, i.Type, i.Status, i.StatusReason)).ToDictionaryAsync(i => i.Id, ct);
        var caseIds = plan.Inspections.SelectMany(i => i.Findings).Where(f => f.CaseId != null).Select(f => f.CaseId!.Value).ToList();
        var caseNos = await db.SupervisionCases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.CaseNo, ct);
        var rows = new List<InspectionRow>();
        foreach (var i in plan.Inspections.OrderBy(i => institutions[i.InstitutionId].Code, StringComparer.Ordinal))
        {
            i.Findings = [.. i.Findings.OrderBy(f => f.Seq)];
            rows.Add(new InspectionRow(i, institutions[i.InstitutionId], await evidence.ListAsync(i.Id, null, ct),
                i.Findings.Where(f => f.CaseId is not null).ToDictionary(f => f.Id, f => caseNos[f.CaseId!.Value])));
        }

        return new InspectionPlanDetail(plan, rows);
    }
}

public sealed record CaseRow(long Id, string CaseNo, string InstitutionCode, string InstitutionName, InstitutionType InstitutionType, CaseSourceType SourceType,
    string SourceRef, string Summary, CaseStatus Status, DateOnly ReceivedOn, decimal LeadAmount, decimal Recovered, decimal Penalty);

public sealed record CaseDetail(SupervisionCase Case, InstitutionRef Institution, IReadOnlyList<EvidenceInfo> Evidence, IReadOnlyList<Complaint> Complaints, SupervisionPolicy Policy);

/// <summary>案件 list (filter by status, year of 登记, keyword in 案件编号/机构/案由) and one case with steps, outcomes, evidence and complaints.</summary>
public sealed record SearchCases(CaseStatus? Status = null, int? Year = null, string? Keyword = null, int Page = 1, int PageSize = 20);

public sealed class CaseQueriesHandler(IAppDbContext db, GetEvidenceHandler evidence)
{
    public async Task<PagedList<CaseRow>> SearchAsync(SearchCases query, CancellationToken ct = default)
    {
        var q = from c in db.SupervisionCases.AsNoTracking()
                join i in db.Institutions.AsNoTracking() on c.InstitutionId equals i.Id
                select new { c, i };
        if (query.Status is { } s)
        {
            q = q.Where(x => x.c.Status == s);
        }

        if (query.Year is { } y)
        {
            q = q.Where(x => x.c.ReceivedOn >= new DateOnly(y, 1, 1) && x.c.ReceivedOn <= new DateOnly(y, 12, 31));
        }

        if (!string.IsNullOrWhiteSpace(query.Keyword))
        {
            var k = query.Keyword.Trim();
            q = q.Where(x => x.c.CaseNo.Contains(k) || x.i.Name.Contains(k) || x.i.Code.Contains(k) || x.c.Summary.Contains(k) || x.c.SourceRef.Contains(k));
        }

        var total = await q.CountAsync(ct);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var items = await q.OrderByDescending(x => x.c.Id).Skip((page - 1) * size).Take(size)
            .Select(x => new CaseRow(x.c.Id, x.c.CaseNo, x.i.Code, x.i.Name, x.i.Type, x.c.SourceType, x.c.SourceRef, x.c.Summary, x.c.Status, x.c.ReceivedOn, x.c.LeadAmount,
                x.c.Outcomes.Where(o => o.Kind == OutcomeKind.Recovery).Sum(o => o.Amount), x.c.Outcomes.Where(o => o.Kind == OutcomeKind.Penalty).Sum(o => o.Amount)))
            .ToListAsync(ct);
        return new PagedList<CaseRow>(items, page, size, total);
    }

    public async Task<CaseDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        var c = await db.SupervisionCases.AsNoTracking().Include(x => x.Steps).Include(x => x.Outcomes).ThenInclude(o => o.Payments).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        c.Steps = [.. c.Steps.OrderBy(s => s.Id)];
        c.Outcomes = [.. c.Outcomes.OrderBy(o => o.Id)];
        var inst = await db.Institutions.AsNoTracking().Where(i => i.Id == c.InstitutionId)
            .Select(i => new InstitutionRef(i.Id, i.Code, i.Name, i.Type, i.Status, i.StatusReason)).SingleAsync(ct);
        var complaints = await db.Complaints.AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.Id).ToListAsync(ct);
        var policy = await SupervisionSupport.PolicyOnAsync(db, c.DecidedOn ?? DateOnly.MaxValue, ct);
        return new CaseDetail(c, inst, await evidence.ListAsync(null, id, ct), complaints, policy);
    }
}

public sealed record ComplaintRow(Complaint Complaint, string? InstitutionName, string? CaseNo);

/// <summary>举报 list (newest first), filter by status and year.</summary>
public sealed class ComplaintQueriesHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<ComplaintRow>> ListAsync(ComplaintStatus? status, int? year, CancellationToken ct = default)
    {
        var q = db.Complaints.AsNoTracking().AsQueryable();
        if (status is { } s)
        {
            q = q.Where(c => c.Status == s);
        }

        if (year is { } y)
        {
            q = q.Where(c => c.ReceivedOn >= new DateOnly(y, 1, 1) && c.ReceivedOn <= new DateOnly(y, 12, 31));
        }

        var rows = await (from c in q
                          join i in db.Institutions.AsNoTracking() on c.InstitutionId equals i.Id into ij
                          from i in ij.DefaultIfEmpty()
                          join sc in db.SupervisionCases.AsNoTracking() on c.CaseId equals sc.Id into cj
                          from sc in cj.DefaultIfEmpty()
                          orderby c.Id descending
                          select new ComplaintRow(c, i == null ? null : i.Name, sc == null ? null : sc.CaseNo)).Take(500).ToListAsync(ct);
        return rows;
    }

    public Task<ComplaintRow?> GetAsync(long id, CancellationToken ct = default) =>
        (from c in db.Complaints.AsNoTracking()
         where c.Id == id
         join i in db.Institutions.AsNoTracking() on c.InstitutionId equals i.Id into ij
         from i in ij.DefaultIfEmpty()
         join sc in db.SupervisionCases.AsNoTracking() on c.CaseId equals sc.Id into cj
         from sc in cj.DefaultIfEmpty()
         select new ComplaintRow(c, i == null ? null : i.Name, sc == null ? null : sc.CaseNo)).FirstOrDefaultAsync(ct);
}
