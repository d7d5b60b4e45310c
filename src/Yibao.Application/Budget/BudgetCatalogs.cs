using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget.Classification;

namespace Yibao.Application.Budget;

/// <summary>Summary of an imported catalog: one year and kind.</summary>
public sealed record ClassificationSummary(int Year, ClassificationKind Kind, int Count, DateTime ImportedAtUtc, string ImportedBy);

/// <summary>
/// 科目表：the classification catalog of a budget year — imported kinds of that year (budget_classifications) are
/// authoritative, the rest falls back to the shipped catalog (<see cref="ClassificationCatalog.Default"/>).
/// </summary>
public sealed class BudgetCatalogs(IAppDbContext db)
{
    public async Task<ClassificationCatalog> ForYearAsync(int year, CancellationToken ct = default)
    {
        var rows = await db.BudgetClassifications.AsNoTracking().Where(c => c.Year == year).ToListAsync(ct);
        return ClassificationCsv.ForYear(rows.Select(r => r.ToRow()).ToList(), year);
    }

    public async Task<IReadOnlyList<ClassificationSummary>> SummaryAsync(CancellationToken ct = default)
    {
        var rows = await db.BudgetClassifications.AsNoTracking()
            .GroupBy(c => new { c.Year, c.Kind })
            .Select(g => new { g.Key.Year, g.Key.Kind, Count = g.Count(), At = g.Max(x => x.ImportedAtUtc), By = g.Max(x => x.ImportedBy) })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Year).ThenBy(r => r.Kind)
            .Select(r => new ClassificationSummary(r.Year, r.Kind, r.Count, r.At, r.By ?? "")).ToList();
    }

    /// <summary>All imported rows of a year (export / screen listing).</summary>
    public async Task<IReadOnlyList<ClassificationRow>> RowsAsync(int year, CancellationToken ct = default)
    {
        var rows = await db.BudgetClassifications.AsNoTracking().Where(c => c.Year == year).ToListAsync(ct);
        return rows.OrderBy(r => r.Kind).ThenBy(r => r.Code, StringComparer.Ordinal).Select(r => r.ToRow()).ToList();
    }
}
