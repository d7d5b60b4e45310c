using System.Globalization;
using System.Text.Json;
using Yibao.Domain.Admin;

namespace Yibao.Application.Admin;

/// <summary>One field of an audit entry: value before and after the change.</summary>
public sealed record AuditFieldChange(string Field, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>Turns the before/after JSON of an audit entry into a readable field-by-field table.</summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditFieldChange> Compute(string? beforeJson, string? afterJson)
    {
        var before = Parse(beforeJson);
        var after = Parse(afterJson);
        var fields = before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal);
        // Fields empty on both sides (e.g. unset columns of a new record) carry no information.
        return fields
            .Select(f => new AuditFieldChange(f, before.GetValueOrDefault(f), after.GetValueOrDefault(f)))
            .Where(c => !string.IsNullOrEmpty(c.Before) || !string.IsNullOrEmpty(c.After))
            .ToList();
    }

    /// <summary>One line per field (“字段: 旧 → 新”), for spreadsheets.</summary>
    public static string Summarize(AuditEntry entry) =>
        string.Join("；", Compute(entry.Before, entry.After).Select(c => c switch
        {
            { Before: null } => $"{c.Field}: {c.After}",
            { After: null } when entry.Action == AuditActions.Deleted => $"{c.Field}: {c.Before}",
            _ => $"{c.Field}: {c.Before ?? "（空）"} → {c.After ?? "（空）"}",
        }));

    /// <summary>Audit entries as spreadsheet rows (China Standard Time) with Chinese column names.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> ToRows(IEnumerable<AuditEntry> entries)
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        return entries.Select(a => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["编号"] = a.Id,
            ["时间"] = (a.AtUtc + SearchAuditEntriesHandler.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", zh),
            ["操作人"] = a.UserName,
            ["操作"] = a.Action,
            ["对象"] = a.Entity,
            ["主键"] = a.EntityKey,
            ["变更内容"] = Summarize(a),
        }).ToList();
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                result["（值）"] = doc.RootElement.GetRawText();
                return result;
            }

            foreach (var p in doc.RootElement.EnumerateObject())
            {
                result[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.True => "是",
                    JsonValueKind.False => "否",
                    _ => p.Value.GetRawText(),
                };
            }
        }
        catch (JsonException)
        {
            result["（原始内容）"] = json;
        }

        return result;
    }
}
