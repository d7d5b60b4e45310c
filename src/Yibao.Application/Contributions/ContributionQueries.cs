using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;

namespace Yibao.Application.Contributions;

/// <summary>征缴对账 row: one employer-month, plan vs received.</summary>
public sealed record ReconciliationRow(long EmployerId, string EmployerNo, string CreditCode, string EmployerName, int Period, int Headcount,
    decimal Planned, decimal Received, CollectionStatus Status)
{
    public decimal Difference => Received - Planned;
}

public sealed record ReconciliationQuery(int FromPeriod, int ToPeriod, CollectionStatus? Status = null, string? Keyword = null, long? EmployerId = null, int Page = 1, int PageSize = 50);

/// <summary>欠费 row: one employer with its outstanding months aged as of a month.</summary>
public sealed record ArrearsRow(long EmployerId, string EmployerNo, string CreditCode, string EmployerName, ArrearsAging Aging);

public sealed record ArrearsQuery(int AsOfPeriod, string? Keyword = null, int Page = 1, int PageSize = 50);

/// <summary>One owed month on a 催缴通知.</summary>
public sealed record ArrearsMonth(int Period, decimal Planned, decimal Received, decimal Outstanding, ArrearsBucket Bucket);

/// <summary>催缴通知 content for one employer.</summary>
public sealed record ArrearsNotice(long EmployerId, string EmployerNo, string CreditCode, string EmployerName, string? Address, int AsOfPeriod,
    DateOnly IssuedOn, IReadOnlyList<ArrearsMonth> Months, ArrearsAging Aging)
{
    public decimal Total => Aging.Total;

    public string TotalInWords => Money.ToChineseUppercase(Total);

    /// <summary>通知书编号: 单位编号 + 截至所属期.</summary>
    public string NoticeNo => $"CJ-{EmployerNo}-{AsOfPeriod}";
}

public sealed record PlanRow
{
    public long Id { get; init; }
    public long EmployerId { get; init; }
    public string EmployerNo { get; init; } = "";
    public string EmployerName { get; init; } = "";
    public int Period { get; init; }
    public int Headcount { get; init; }
    public decimal EmployerAmount { get; init; }
    public decimal EmployeeAmount { get; init; }
    public decimal Total { get; init; }
    public DateOnly GeneratedOn { get; init; }
}

public sealed record PlanLineRow(long PersonId, string PsnNo, string Certno, string Name, decimal Base, decimal EmployerAmount, decimal EmployeeAmount);

public sealed record PaymentRow
{
    public long Id { get; init; }
    public long EmployerId { get; init; }
    public string EmployerNo { get; init; } = "";
    public string EmployerName { get; init; } = "";
    public CreditCode CreditCode { get; init; }
    public int Period { get; init; }
    public decimal Amount { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public string TicketNo { get; init; } = "";
    public long JournalEntryId { get; init; }
}

public sealed record BaseRow
{
    public long Id { get; init; }
    public long EmployerId { get; init; }
    public string EmployerNo { get; init; } = "";
    public string EmployerName { get; init; } = "";
    public long PersonId { get; init; }
    public string PsnNo { get; init; } = "";
    public ResidentId ResidentId { get; init; }
    /// <summary>证件号码 as shown (masked unless the role needs it).</summary>
    public string Certno { get; init; } = "";
    public string Name { get; init; } = "";
    public int Year { get; init; }
    public decimal DeclaredBase { get; init; }
    public decimal ApprovedBase { get; init; }
    public DateOnly DeclaredOn { get; init; }
}

public sealed record FlexibleRow(long Id, long PersonId, string PsnNo, string Name, int Period, decimal Base, decimal Rate, decimal Amount, DateOnly PaidOn, string ReceiptNo);

/// <summary>Read side of 征缴: plans, payments, bases, reconciliation, arrears and the 催缴通知 (财务 and 经办员 read).</summary>
public sealed class ContributionQueriesHandler(IAppDbContext db, TimeProvider clock)
{
    /// <summary>Plan vs received per employer-month in the range (months with a plan or a payment).</summary>
    public async Task<List<ReconciliationRow>> ReconcileAllAsync(int from, int to, long? employerId = null, CancellationToken ct = default)
    {
        var plans = db.CollectionPlans.AsNoTracking().Where(p => p.Period >= from && p.Period <= to);
        var pays = db.EmployerPayments.AsNoTracking().Where(p => p.Period >= from && p.Period <= to);
        if (employerId is { } e)
        {
            plans = plans.Where(p => p.EmployerId == e);
            pays = pays.Where(p => p.EmployerId == e);
        }

        var planned = await plans.Select(p => new { p.EmployerId, p.Period, p.TotalAmount, p.Headcount }).ToListAsync(ct);
        var paid = (await pays.Select(p => new { p.EmployerId, p.Period, p.Amount }).ToListAsync(ct))
            .GroupBy(p => (p.EmployerId, p.Period)).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        var keys = planned.Select(p => (p.EmployerId, p.Period)).Union(paid.Keys).ToList();
        var planByKey = planned.ToDictionary(p => (p.EmployerId, p.Period));
        var ids = keys.Select(k => k.EmployerId).Distinct().ToList();
        var employers = (await db.Employers.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.EmployerNo, x.CreditCode, x.Name }).ToListAsync(ct))
            .ToDictionary(x => x.Id);
        return keys.Select(k =>
        {
            var emp = employers[k.EmployerId];
            planByKey.TryGetValue(k, out var plan);
            var p = plan?.TotalAmount ?? 0m;
            var r = paid.GetValueOrDefault(k);
            return new ReconciliationRow(k.EmployerId, emp.EmployerNo, emp.CreditCode.Value, emp.Name, k.Period, plan?.Headcount ?? 0, p, r, CollectionMath.Classify(p, r));
        }).OrderByDescending(r => r.Period).ThenBy(r => r.EmployerNo, StringComparer.Ordinal).ToList();
    }

    public async Task<PagedList<ReconciliationRow>> ReconcileAsync(ReconciliationQuery q, CancellationToken ct = default)
    {
        var rows = Filter(await ReconcileAllAsync(q.FromPeriod, q.ToPeriod, q.EmployerId, ct), q.Status, q.Keyword);
        return Page(rows, q.Page, q.PageSize);
    }

    public async Task<List<ReconciliationRow>> ReconcileExportAsync(ReconciliationQuery q, CancellationToken ct = default) =>
        Filter(await ReconcileAllAsync(q.FromPeriod, q.ToPeriod, q.EmployerId, ct), q.Status, q.Keyword);

    private static List<ReconciliationRow> Filter(List<ReconciliationRow> rows, CollectionStatus? status, string? keyword)
    {
        var k = keyword?.Trim();
        return rows.Where(r => (status is null || r.Status == status)
            && (string.IsNullOrEmpty(k) || r.EmployerNo.Contains(k, StringComparison.OrdinalIgnoreCase) || r.CreditCode.Contains(k, StringComparison.OrdinalIgnoreCase) || r.EmployerName.Contains(k, StringComparison.Ordinal))).ToList();
    }

    /// <summary>Owed months (planned − received &gt; 0) of every employer up to and including <paramref name="asOf"/>, aged.</summary>
    public async Task<List<ArrearsRow>> ArrearsAllAsync(int asOf, string? keyword = null, long? employerId = null, CancellationToken ct = default)
    {
        var rows = await ReconcileAllAsync(190001, asOf, employerId, ct);
        var k = keyword?.Trim();
        return rows.Where(r => r.Planned > r.Received)
            .GroupBy(r => r.EmployerId)
            .Select(g =>
            {
                var f = g.First();
                return new ArrearsRow(g.Key, f.EmployerNo, f.CreditCode, f.EmployerName, CollectionMath.Age(g.Select(r => (r.Period, r.Planned - r.Received)), asOf));
            })
            .Where(r => string.IsNullOrEmpty(k) || r.EmployerNo.Contains(k, StringComparison.OrdinalIgnoreCase) || r.CreditCode.Contains(k, StringComparison.OrdinalIgnoreCase) || r.EmployerName.Contains(k, StringComparison.Ordinal))
            .OrderByDescending(r => r.Aging.Total).ThenBy(r => r.EmployerNo, StringComparer.Ordinal).ToList();
    }

    public async Task<PagedList<ArrearsRow>> ArrearsAsync(ArrearsQuery q, CancellationToken ct = default) =>
        Page(await ArrearsAllAsync(q.AsOfPeriod, q.Keyword, null, ct), q.Page, q.PageSize);

    /// <summary>催缴通知 for one employer as of a month; null when the employer does not exist.</summary>
    public async Task<ArrearsNotice?> NoticeAsync(long employerId, int asOf, CancellationToken ct = default)
    {
        var emp = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employerId, ct);
        if (emp is null)
        {
            return null;
        }

        var months = (await ReconcileAllAsync(190001, asOf, employerId, ct)).Where(r => r.Planned > r.Received).OrderBy(r => r.Period)
            .Select(r => new ArrearsMonth(r.Period, r.Planned, r.Received, r.Planned - r.Received, CollectionMath.BucketOf(r.Period, asOf))).ToList();
        var today = Registry.RegistryLookups.TodayInChina(clock);
        return new ArrearsNotice(emp.Id, emp.EmployerNo, emp.CreditCode.Value, emp.Name, emp.Address, asOf, today, months,
            CollectionMath.Age(months.Select(m => (m.Period, m.Outstanding)), asOf));
    }

    public async Task<PagedList<PlanRow>> PlansAsync(int? period, long? employerId, int page, int pageSize = 50, CancellationToken ct = default)
    {
        var q = PlanRows(period, employerId);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(p => p.Period).ThenBy(p => p.EmployerNo).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<PlanRow>(items, Math.Max(page, 1), pageSize, total);
    }

    public Task<List<PlanRow>> PlansExportAsync(int? period, long? employerId, CancellationToken ct = default) =>
        PlanRows(period, employerId).OrderByDescending(p => p.Period).ThenBy(p => p.EmployerNo).ToListAsync(ct);

    private IQueryable<PlanRow> PlanRows(int? period, long? employerId)
    {
        var plans = db.CollectionPlans.AsNoTracking();
        if (period is { } p)
        {
            plans = plans.Where(x => x.Period == p);
        }

        if (employerId is { } e)
        {
            plans = plans.Where(x => x.EmployerId == e);
        }

        return from x in plans
               join emp in db.Employers on x.EmployerId equals emp.Id
               select new PlanRow
               {
                   Id = x.Id, EmployerId = x.EmployerId, EmployerNo = emp.EmployerNo, EmployerName = emp.Name, Period = x.Period, Headcount = x.Headcount,
                   EmployerAmount = x.EmployerAmount, EmployeeAmount = x.EmployeeAmount, Total = x.TotalAmount, GeneratedOn = x.GeneratedOn,
               };
    }

    public async Task<(PlanRow? Plan, List<PlanLineRow> Lines)> PlanAsync(long id, bool showFullId, CancellationToken ct = default)
    {
        var plan = await PlanRows(null, null).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return (null, []);
        }

        var lines = await (from l in db.CollectionPlanLines.AsNoTracking()
                           where l.PlanId == id
                           join p in db.Persons on l.PersonId equals p.Id
                           orderby p.PersonNo
                           select new { l.PersonId, p.PersonNo, p.ResidentId, p.Name, l.Base, l.EmployerAmount, l.EmployeeAmount }).ToListAsync(ct);
        return (plan, lines.Select(l => new PlanLineRow(l.PersonId, l.PersonNo, showFullId ? l.ResidentId.Value : Masking.ResidentId(l.ResidentId.Value),
            showFullId ? l.Name : Masking.Name(l.Name), l.Base, l.EmployerAmount, l.EmployeeAmount)).ToList());
    }

    public async Task<PagedList<PaymentRow>> PaymentsAsync(int? period, long? employerId, int page, int pageSize = 50, CancellationToken ct = default)
    {
        var q = PaymentRows(period, employerId);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<PaymentRow>(items, Math.Max(page, 1), pageSize, total);
    }

    public Task<List<PaymentRow>> PaymentsExportAsync(int? period, long? employerId, CancellationToken ct = default) =>
        PaymentRows(period, employerId).OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id).ToListAsync(ct);

    private IQueryable<PaymentRow> PaymentRows(int? period, long? employerId)
    {
        var pays = db.EmployerPayments.AsNoTracking();
        if (period is { } p)
        {
            pays = pays.Where(x => x.Period == p);
        }

        if (employerId is { } e)
        {
            pays = pays.Where(x => x.EmployerId == e);
        }

        return from x in pays
               join emp in db.Employers on x.EmployerId equals emp.Id
               select new PaymentRow
               {
                   Id = x.Id, EmployerId = x.EmployerId, EmployerNo = emp.EmployerNo, EmployerName = emp.Name, CreditCode = emp.CreditCode, Period = x.Period,
                   Amount = x.Amount, ReceivedOn = x.ReceivedOn, TicketNo = x.TicketNo, JournalEntryId = x.JournalEntryId,
               };
    }

    public async Task<PagedList<BaseRow>> BasesAsync(int? year, long? employerId, string? keyword, bool showFullId, int page, int pageSize = 50, CancellationToken ct = default)
    {
        var q = BaseRows(year, employerId, keyword);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(b => b.EmployerNo).ThenBy(b => b.PsnNo).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<BaseRow>(items.Select(b => Mask(b, showFullId)).ToList(), Math.Max(page, 1), pageSize, total);
    }

    public async Task<List<BaseRow>> BasesExportAsync(int? year, long? employerId, string? keyword, bool showFullId, CancellationToken ct = default) =>
        (await BaseRows(year, employerId, keyword).OrderBy(b => b.EmployerNo).ThenBy(b => b.PsnNo).ToListAsync(ct)).Select(b => Mask(b, showFullId)).ToList();

    private static BaseRow Mask(BaseRow b, bool showFullId) =>
        showFullId ? b with { Certno = b.ResidentId.Value } : b with { Certno = Masking.ResidentId(b.ResidentId.Value), Name = Masking.Name(b.Name) };

    private IQueryable<BaseRow> BaseRows(int? year, long? employerId, string? keyword)
    {
        var bases = db.ContributionBases.AsNoTracking();
        if (year is { } y)
        {
            bases = bases.Where(x => x.Year == y);
        }

        if (employerId is { } e)
        {
            bases = bases.Where(x => x.EmployerId == e);
        }

        var q = from x in bases
                join emp in db.Employers on x.EmployerId equals emp.Id
                join p in db.Persons on x.PersonId equals p.Id
                select new { x, emp, p };
        var k = keyword?.Trim();
        if (!string.IsNullOrEmpty(k))
        {
            q = q.Where(r => r.emp.EmployerNo == k || r.emp.Name.Contains(k) || r.p.PersonNo == k || r.p.Name == k);
        }

        return q.Select(r => new BaseRow
        {
            Id = r.x.Id, EmployerId = r.x.EmployerId, EmployerNo = r.emp.EmployerNo, EmployerName = r.emp.Name, PersonId = r.x.PersonId, PsnNo = r.p.PersonNo,
            ResidentId = r.p.ResidentId, Name = r.p.Name, Year = r.x.Year, DeclaredBase = r.x.DeclaredBase, ApprovedBase = r.x.ApprovedBase, DeclaredOn = r.x.DeclaredOn,
        });
    }

    public async Task<List<FlexibleRow>> FlexibleAsync(long? personId, int take = 200, CancellationToken ct = default)
    {
        var q = db.FlexibleContributions.AsNoTracking();
        if (personId is { } pid)
        {
            q = q.Where(f => f.PersonId == pid);
        }

        return await (from f in q
                      join p in db.Persons on f.PersonId equals p.Id
                      orderby f.PaidOn descending, f.Id descending
                      select new FlexibleRow(f.Id, f.PersonId, p.PersonNo, p.Name, f.Period, f.Base, f.Rate, f.Amount, f.PaidOn, f.ReceiptNo)).Take(take).ToListAsync(ct);
    }

    private static PagedList<T> Page<T>(List<T> rows, int page, int pageSize)
    {
        var p = Math.Max(page, 1);
        return new PagedList<T>(rows.Skip((p - 1) * pageSize).Take(pageSize).ToList(), p, pageSize, rows.Count);
    }
}
