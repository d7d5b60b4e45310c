using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget.Classification;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Budget;

/// <summary>
/// 导入科目表：rows of a CSV/XLSX file (header first; docs/formats/budget-classification.md). All-or-nothing: any row
/// error writes nothing. Every year and kind in the file replaces that year's imported rows of that kind.
/// </summary>
public sealed record ImportClassificationCatalog(IReadOnlyList<IReadOnlyList<string>> Records, string? FileName = null);

/// <summary>What an import changed: per year and kind, the number of codes now stored.</summary>
public sealed record ClassificationImportResult(IReadOnlyList<(int Year, ClassificationKind Kind, int Count, int Replaced)> Parts)
{
    public string Describe() => string.Join("；", Parts.Select(p => string.Create(CultureInfo.InvariantCulture,
        $"{p.Year} 年{ClassificationCsv.KindName(p.Kind)}分类 {p.Count} 个科目（替换原有 {p.Replaced} 个）")));
}

public sealed class ImportClassificationCatalogHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Most rows accepted in one file.</summary>
    public const int MaxRows = 50_000;

    public async Task<AppResult<ClassificationImportResult>> HandleAsync(ImportClassificationCatalog command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Records.Count > MaxRows + 1)
        {
            return AppResult<ClassificationImportResult>.Fail(new AppError("too-large", "文件：科目表不能超过 50,000 行", "file"));
        }
        var (rows, errors) = ClassificationCsv.Parse(command.Records);
        if (errors.Count > 0)
        {
            return AppResult<ClassificationImportResult>.Fail(errors.Select(ToError));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var parts = new List<(int, ClassificationKind, int, int)>();
        foreach (var g in rows.GroupBy(r => (r.Year, r.Kind)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Kind))
        {
            var (year, kind) = g.Key;
            var old = await db.BudgetClassifications.Where(c => c.Year == year && c.Kind == kind).ToListAsync(ct);
            db.BudgetClassifications.RemoveRange(old);
            foreach (var r in g)
            {
                db.BudgetClassifications.Add(new StoredClassification
                {
                    Year = r.Year, Kind = r.Kind, Code = r.Code, Name = r.Name, ParentCode = r.ParentCode, GovEconomicCode = r.GovEconomicCode,
                    ImportedAtUtc = now, ImportedBy = user.UserName,
                });
            }
            parts.Add((year, kind, g.Count(), old.Count));
        }
        if (parts.Any(p => p.Item4 > 0))
        {
            // delete before insert so a unique (year, kind, code) never collides inside one SaveChanges
            var added = db.ChangeTracker.Entries<StoredClassification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            foreach (var a in added)
            {
                db.BudgetClassifications.Entry(a).State = EntityState.Detached;
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.BudgetClassifications.AddRange(added);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        return AppResult<ClassificationImportResult>.Ok(new ClassificationImportResult(parts));
    }

    internal static AppError ToError(ImportRowError e) => new("row", e.Row == 0
        ? $"{e.Column}：{e.Message}"
        : string.Create(CultureInfo.InvariantCulture, $"第{e.Row}行 {e.Column}：{e.Message}"), e.Column);
}
