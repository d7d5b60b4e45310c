using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>部门预算列表：filter by year, phase and status; <paramref name="PublishedOnly"/> for the public portal.</summary>
public sealed record ListBudgets(int? Year = null, BudgetPhase? Phase = null, BudgetStatus? Status = null, bool PublishedOnly = false, int Page = 1, int PageSize = 20);

/// <summary>One row: header columns plus the publishing deadline (批复日期 + 20 日) and whether it is missed.</summary>
public sealed record BudgetRow(
    long Id, string UnitName, int Year, BudgetPhase Phase, int Version, BudgetStatus Status,
    DateOnly? ApprovedOn, DateOnly? PublishedOn, string? PublicAddress, DateOnly? Deadline, bool Late, int? DaysLeft, DateTime UpdatedAtUtc, string UpdatedBy)
{
    public string Title => $"{UnitName}{Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}年{Phase.Chinese()}";
}

public sealed class ListBudgetsHandler(IAppDbContext db, TimeProvider clock)
{
    public static BudgetRow ToRow(StoredBudget b, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(b);
        var deadline = b.PublishDeadline;
        int? left = deadline is DateOnly d && b.Status == BudgetStatus.Approved ? d.DayNumber - today.DayNumber : null;
        return new BudgetRow(b.Id, b.UnitName, b.Year, b.Phase, b.Version, b.Status, b.ApprovedOn, b.PublishedOn, b.PublicAddress, deadline, b.IsLate(today), left, b.UpdatedAtUtc, b.UpdatedBy);
    }

    public async Task<PagedList<BudgetRow>> HandleAsync(ListBudgets query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = db.Budgets.AsNoTracking();
        if (query.PublishedOnly)
        {
            q = q.Where(b => b.Status == BudgetStatus.Published);
        }
        if (query.Year is int y)
        {
            q = q.Where(b => b.Year == y);
        }
        if (query.Phase is BudgetPhase p)
        {
            q = q.Where(b => b.Phase == p);
        }
        if (query.Status is BudgetStatus s)
        {
            q = q.Where(b => b.Status == s);
        }
        var size = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(query.Page, 1);
        var total = await q.CountAsync(ct);
        // Header columns only: the document column is not loaded for a list.
        var items = await q.OrderByDescending(b => b.Year).ThenBy(b => b.UnitName).ThenBy(b => b.Phase).ThenByDescending(b => b.Version)
            .Skip((page - 1) * size).Take(size)
            .Select(b => new StoredBudget
            {
                Id = b.Id, UnitCode = b.UnitCode, UnitName = b.UnitName, Year = b.Year, Phase = b.Phase, Version = b.Version, Status = b.Status,
                ApprovedOn = b.ApprovedOn, PublishedOn = b.PublishedOn, PublicAddress = b.PublicAddress, Json = "", UpdatedAtUtc = b.UpdatedAtUtc, UpdatedBy = b.UpdatedBy,
            })
            .ToListAsync(ct);
        var today = clock.TodayInChina();
        return new PagedList<BudgetRow>(items.Select(b => ToRow(b, today)).ToList(), page, size, total);
    }
}
