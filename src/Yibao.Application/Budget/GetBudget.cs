using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;

namespace Yibao.Application.Budget;

/// <summary>一份预算：存储记录、按工作流覆盖后的模型、校验发现（与 yibao budget validate 同一规则目录）。</summary>
public sealed record GetBudget(long Id, bool PublishedOnly = false);

public sealed record BudgetDetail(StoredBudget Stored, BudgetRow Row, DepartmentBudget Model, IReadOnlyList<Finding> Findings)
{
    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);
}

public sealed class GetBudgetHandler(IAppDbContext db, TimeProvider clock, BudgetCatalogs catalogs)
{
    public async Task<BudgetDetail?> HandleAsync(GetBudget query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var b = await db.Budgets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.Id, ct);
        if (b is null || (query.PublishedOnly && b.Status != BudgetStatus.Published))
        {
            return null;
        }
        var model = b.ToModel();
        var catalog = await catalogs.ForYearAsync(b.Year, ct);
        return new BudgetDetail(b, ListBudgetsHandler.ToRow(b, clock.TodayInChina()), model, BudgetValidator.Validate(model, catalog));
    }
}
