using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Catalogs;

/// <summary>
/// 导入医保目录: the rows of a CSV or Excel file with the national column names (first row = header).
/// All-or-nothing: any row error → nothing is written and every error is reported (row, column, rule).
/// Incremental by default (only listed codes change); <see cref="FullReplace"/> also 移出 codes the file no longer lists.
/// The 先行自付比例 rows of a listed code replace that code's stored periods.
/// </summary>
/// <param name="SummarizeAudit">
/// Bulk loads (the demo seed): the added 目录条目, 先行自付比例 and 变更明细 get one audit entry for the version instead of one
/// each; the per-item history stays in catalog_entry_changes. Staff imports keep the per-row audit.
/// </param>
public sealed record ImportCatalog(string FileName, IReadOnlyList<IReadOnlyList<string>> Records, bool FullReplace = false, string? Note = null, bool SummarizeAudit = false);

public sealed record CatalogImportSummary(long VersionId, int Number, int Added, int Changed, int Removed, int Unchanged);

/// <summary>Outcome: a new version, or the row-by-row errors (then nothing was written).</summary>
public sealed record CatalogImportOutcome(CatalogImportSummary? Version, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Version is not null && Errors.Count == 0;
}

public sealed class ImportCatalogHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string Added = "新增";
    public const string Modified = "修改";
    public const string RemovedChange = "移出";

    public async Task<CatalogImportOutcome> HandleAsync(ImportCatalog command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (items, errors) = CatalogRowParser.Parse(command.Records);
        if (errors.Count == 0 && items.Count == 0)
        {
            errors.Add(new ImportRowError(2, "文件", "没有目录数据行"));
        }

        if (errors.Count > 0)
        {
            return new CatalogImportOutcome(null, errors);
        }

        var existing = await db.CatalogEntries.Include(e => e.SelfPayRatios).ToDictionaryAsync(e => e.Code, StringComparer.Ordinal, ct);
        var number = (await db.CatalogVersions.MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = new CatalogVersion
        {
            Number = number,
            FileName = Path.GetFileName(command.FileName ?? "") is { Length: > 0 } f ? (f.Length > 200 ? f[..200] : f) : "（未命名）",
            FullReplace = command.FullReplace,
            ImportedAtUtc = clock.GetUtcNow().UtcDateTime,
            ImportedBy = user.UserName,
            Note = command.Note,
        };
        db.CatalogVersions.Add(version);

        var listed = new HashSet<string>(StringComparer.Ordinal);
        var newEntries = new List<CatalogEntry>();
        var changes = new List<CatalogEntryChange>();
        foreach (var item in items)
        {
            listed.Add(item.Code);
            if (!existing.TryGetValue(item.Code, out var entry))
            {
                var added = CatalogEntry.From(item, 0);
                added.Version = version;
                newEntries.Add(added);
                changes.Add(new CatalogEntryChange { Version = version, Code = item.Code, ChangeType = Added, Summary = Describe(item) });
                version.Added++;
                continue;
            }

            var before = entry.ToItem();
            var summary = CatalogItemDiff.Summarize(before, item, entry.Removed);
            if (summary.Length == 0)
            {
                version.Unchanged++;
                continue;
            }

            entry.CopyFrom(item);
            entry.Removed = false;
            entry.Version = version;
            if (!CatalogItemDiff.SameRatios(before, item))
            {
                entry.SelfPayRatios.Clear();
                entry.SelfPayRatios.AddRange(item.SelfPayRatios.Select(p => new CatalogSelfPayRatio { PoolArea = p.PoolArea, From = p.From, To = p.To, Ratio = p.Ratio }));
            }

            changes.Add(new CatalogEntryChange { Version = version, Code = item.Code, ChangeType = Modified, Summary = Truncate(summary) });
            version.Changed++;
        }

        if (command.FullReplace)
        {
            foreach (var entry in existing.Values.Where(e => !e.Removed && !listed.Contains(e.Code)))
            {
                entry.Removed = true;
                entry.Version = version;
                changes.Add(new CatalogEntryChange { Version = version, Code = entry.Code, ChangeType = RemovedChange, Summary = "全量导入的文件中没有此编码，移出目录" });
                version.Removed++;
            }
        }

        // One AddRange each: per-entity Add would rescan the change tracker every time.
        db.CatalogEntries.AddRange(newEntries);
        db.CatalogEntryChanges.AddRange(changes);
        if (command.SummarizeAudit)
        {
            db.SummarizeAuditOfNextSave(nameof(CatalogVersion), version.Number.ToString(CultureInfo.InvariantCulture),
                $"批量导入目录文件 {command.FileName}：新增 {version.Added} 条、修改 {version.Changed} 条、移出 {version.Removed} 条（逐条明细见目录版本的变更明细）",
                typeof(CatalogEntry), typeof(CatalogSelfPayRatio), typeof(CatalogEntryChange));
        }

        await db.SaveChangesAsync(ct);
        return new CatalogImportOutcome(new CatalogImportSummary(version.Id, version.Number, version.Added, version.Changed, version.Removed, version.Unchanged), []);
    }

    private static string Truncate(string s) => s.Length > 2000 ? s[..1997] + "…" : s;

    private static string Describe(CatalogItem item) =>
        Truncate(string.Join("；", CatalogItemDiff.Fields(item).Where(kv => kv.Value.Length > 0).Select(kv => kv.Key + "：" + kv.Value)));
}

/// <summary>Field-by-field comparison of two catalog items, in Chinese.</summary>
public static class CatalogItemDiff
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<KeyValuePair<string, string>> Fields(CatalogItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var r = i.Restrictions;
        return
        [
            new("名称", i.Name),
            new("目录类别", i.ListType.ChineseName()),
            new("计价单位", i.Unit),
            new("收费项目等级", i.Category.ChineseName()),
            new("限价", i.PriceCap?.ToString("0.####", Inv) ?? ""),
            new("先行自付比例", Ratios(i)),
            new("限定性别", r.Gender switch { null => "", Domain.Common.Gender.Male => "男", Domain.Common.Gender.Female => "女", _ => "" }),
            new("年龄范围", r.MinAge is null && r.MaxAge is null ? "" : $"{r.MinAge?.ToString(Inv) ?? "不限"}–{r.MaxAge?.ToString(Inv) ?? "不限"} 岁"),
            new("最低医院等级", r.MinInstitutionLevel is { } lv ? ((int)lv).ToString(Inv) + " 级" : ""),
            new("限定就诊类型", VisitTypes(r.VisitTypes)),
            new("限定适应症", string.Join(';', r.DiagnosisPrefixes)),
            new("每日最大数量", r.MaxQuantityPerDay?.ToString("0.##", Inv) ?? ""),
            new("每次住院最大数量", r.MaxQuantityPerStay?.ToString("0.##", Inv) ?? ""),
        ];
    }

    public static string VisitTypes(VisitTypeSet set) => set == VisitTypeSet.All
        ? ""
        : string.Join('、', new[] { VisitType.GeneralOutpatient, VisitType.ChronicOutpatient, VisitType.Inpatient, VisitType.Maternity }
            .Where(v => (set & v.ToSet()) != 0).Select(v => v.ChineseName()));

    public static string Ratios(CatalogItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return string.Join("；", i.SelfPayRatios
            .OrderBy(p => p.PoolArea, StringComparer.Ordinal).ThenBy(p => p.From)
            .Select(p => string.Create(Inv, $"{(p.PoolArea.Length == 0 ? "全国" : p.PoolArea)} {Date(p.From)}～{Date(p.To)} {p.Ratio * 100m:0.##}%")));
    }

    private static string Date(DateOnly d) => d == DateOnly.MinValue || d == DateOnly.MaxValue ? "" : d.ToString("yyyy-MM-dd", Inv);

    public static bool SameRatios(CatalogItem a, CatalogItem b) => string.Equals(Ratios(a), Ratios(b), StringComparison.Ordinal);

    /// <summary>“字段：旧 → 新；…”, or "" when nothing changed.</summary>
    public static string Summarize(CatalogItem before, CatalogItem after, bool wasRemoved)
    {
        var a = Fields(before);
        var b = Fields(after);
        var parts = new List<string>();
        if (wasRemoved)
        {
            parts.Add("重新纳入目录");
        }

        for (var k = 0; k < a.Count; k++)
        {
            if (!string.Equals(a[k].Value, b[k].Value, StringComparison.Ordinal))
            {
                parts.Add($"{a[k].Key}：{Show(a[k].Value)} → {Show(b[k].Value)}");
            }
        }

        return string.Join("；", parts);
    }

    private static string Show(string s) => s.Length == 0 ? "（空）" : s;
}
