using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yibao.Domain.Policies;

/// <summary>One difference between two policy JSON documents: the JSON path and the values (null = absent).</summary>
public sealed record PolicyDiffLine(string Path, string? Before, string? After)
{
    public string Kind => Before is null ? "新增" : After is null ? "删除" : "修改";
}

/// <summary>Field-by-field diff of two policy JSON documents by JSON path (arrays of objects with an "id" are matched by id;
/// numbers are compared by value, so 0.8 and 0.80 are equal).</summary>
public static class PolicyDiff
{
    public static IReadOnlyList<PolicyDiffLine> Compare(string beforeJson, string afterJson)
    {
        var options = new JsonNodeOptions { PropertyNameCaseInsensitive = false };
        var docOptions = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var a = Flatten(JsonNode.Parse(beforeJson, options, docOptions));
        var b = Flatten(JsonNode.Parse(afterJson, options, docOptions));
        var lines = new List<PolicyDiffLine>();
        foreach (var (path, va) in a)
        {
            if (!b.TryGetValue(path, out var vb))
            {
                lines.Add(new PolicyDiffLine(path, va, null));
            }
            else if (!string.Equals(va, vb, StringComparison.Ordinal))
            {
                lines.Add(new PolicyDiffLine(path, va, vb));
            }
        }

        lines.AddRange(b.Where(kv => !a.ContainsKey(kv.Key)).Select(kv => new PolicyDiffLine(kv.Key, null, kv.Value)));
        return lines;
    }

    private static Dictionary<string, string> Flatten(JsonNode? root)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "$", d);
        return d;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> d)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    Walk(v, path + "." + k, d);
                }

                break;
            case JsonArray arr:
                var byId = arr.Count > 0 && arr.All(x => x is JsonObject jo && jo["id"] is JsonValue) &&
                    arr.Select(x => x!["id"]!.ToJsonString()).Distinct(StringComparer.Ordinal).Count() == arr.Count;
                if (arr.Count == 0)
                {
                    d[path] = "[]";
                }

                for (var i = 0; i < arr.Count; i++)
                {
                    var key = byId ? $"[?(@.id=={arr[i]!["id"]!.ToJsonString()})]" : string.Create(CultureInfo.InvariantCulture, $"[{i}]");
                    Walk(arr[i], path + key, d);
                }

                break;
            case null:
                d[path] = "null";
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                // 0.80 and 0.8, 1.0 and 1 are the same parameter: compare numbers by value, not by spelling.
                d[path] = (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
                break;
            default:
                d[path] = node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                break;
        }
    }
}
