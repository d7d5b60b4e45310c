using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Yibao.Domain.Admin;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Persistence;

/// <summary>Turns tracked changes into audit entries; refuses any change to existing audit entries.</summary>
internal static class AuditRecorder
{
    /// <summary>Secrets never written to the audit trail.</summary>
    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Value", "KeyHash",
    };

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    internal sealed class Pending(EntityEntry entry, string action, Dictionary<string, object?>? before, Dictionary<string, object?>? after)
    {
        public string EntityName => AuditRecorder.EntityName(entry);

        public EntityEntry Entry => entry;

        public bool IsAdded => string.Equals(action, AuditActions.Added, StringComparison.Ordinal);

        public Type ClrType => entry.Metadata.ClrType;

        public string EntityKey => Key(entry);

        public Dictionary<string, object?> AddedValues => Values(entry, entry.CurrentValues, all: true);

        public bool IsAddedOfAny(HashSet<Type> types) =>
            string.Equals(action, AuditActions.Added, StringComparison.Ordinal) && types.Contains(entry.Entity.GetType());

        public AuditEntry ToEntry(DateTime atUtc, string? userId, string userName)
        {
            // Added rows get their generated keys and values only after the first save.
            var afterValues = action == AuditActions.Added ? Values(entry, entry.CurrentValues, all: true) : after;
            return new AuditEntry
            {
                AtUtc = atUtc,
                UserId = userId,
                UserName = userName,
                Action = action,
                Entity = AuditRecorder.EntityName(entry),
                EntityKey = Key(entry),
                Before = before is null ? null : JsonSerializer.Serialize(before, Json),
                After = afterValues is null ? null : JsonSerializer.Serialize(afterValues, Json),
            };
        }
    }

    /// <summary>
    /// The audit entries of one save. Rows added together of one entity type (the 20 fee lines of an upload, the lines of
    /// a journal voucher) make one entry whose 变更内容 lists every row with all its values — the same information as one
    /// entry per row, at one insert instead of twenty; every other change is one entry per row.
    /// </summary>
    public static IEnumerable<AuditEntry> ToEntries(List<Pending> pending, DateTime atUtc, string? userId, string userName)
    {
        var batches = pending.Where(p => p.IsAdded).GroupBy(p => p.ClrType).Where(g => g.Skip(1).Any()).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var p in pending)
        {
            if (!p.IsAdded || !batches.TryGetValue(p.ClrType, out var batch))
            {
                yield return p.ToEntry(atUtc, userId, userName);
                continue;
            }

            if (!ReferenceEquals(batch[0], p))
            {
                continue;
            }

            var first = batch[0].EntityKey;
            var last = batch[^1].EntityKey;
            var key = string.Create(CultureInfo.InvariantCulture, $"{first}…{last}");
            yield return new AuditEntry
            {
                AtUtc = atUtc,
                UserId = userId,
                UserName = userName,
                Action = AuditActions.Added,
                Entity = p.EntityName,
                EntityKey = key.Length <= 128 ? key : first[..Math.Min(first.Length, 120)] + "…",
                After = JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    [BatchCount] = batch.Count,
                    [BatchRows] = batch.Select(b => b.AddedValues).ToList(),
                }, Json),
            };
        }
    }

    /// <summary>Field names of a batched entry's 变更内容: the number of rows and the rows.</summary>
    public const string BatchCount = "新增行数";
    public const string BatchRows = "各行";

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        var result = new List<Pending>();
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            Collect(tracker, result);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }

        return result;
    }

    private static void Collect(ChangeTracker tracker, List<Pending> result)
    {
        foreach (var e in tracker.Entries())
        {
            if (e.Entity is AuditEntry)
            {
                if (e.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("审计日志只能追加，不能修改或删除");
                }

                continue;
            }

            if (e.Entity is ApiRequestLog)
            {
                // The msgid log is itself the append-only record of an institution's request (who, when, what was asked and
                // answered); the business changes the request made are audited row by row. Auditing it again only
                // copied the whole response and cost every API write a second insert.
                continue;
            }

            switch (e.State)
            {
                case EntityState.Added:
                    result.Add(new Pending(e, AuditActions.Added, null, null));
                    break;
                case EntityState.Deleted:
                    result.Add(new Pending(e, AuditActions.Deleted, Values(e, e.OriginalValues, all: true), null));
                    break;
                case EntityState.Modified:
                    var before = Values(e, e.OriginalValues, all: false);
                    var after = Values(e, e.CurrentValues, all: false);
                    if (after.Count > 0)
                    {
                        result.Add(new Pending(e, AuditActions.Modified, before, after));
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static Dictionary<string, object?> Values(EntityEntry e, PropertyValues values, bool all)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            var name = p.Metadata.Name;
            if (Excluded.Contains(name) || (!all && !p.IsModified))
            {
                continue;
            }

            if (!all && Equals(p.OriginalValue, p.CurrentValue))
            {
                continue;
            }

            d[name] = Simple(values[name]);
        }

        return d;
    }

    private static object? Simple(object? v) => v switch
    {
        null => null,
        string or bool or int or long or decimal or double => v,
        byte[] bytes => $"({bytes.Length} 字节)",
        Enum en => en.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    private static string EntityName(EntityEntry e)
    {
        var t = e.Metadata.ClrType;
        var name = t.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick > 0 ? name[..tick] : name;
    }

    private static string Key(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return string.Empty;
        }

        return string.Join(",", key.Properties.Select(p => Convert.ToString(e.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }
}
