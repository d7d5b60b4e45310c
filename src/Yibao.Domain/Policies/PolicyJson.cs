using System.Text.Json;
using System.Text.Json.Serialization;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Policies;

/// <summary>Reads and writes policy JSON (snake_case, invariant).</summary>
public static class PolicyJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        o.Converters.Add(new JsonStringEnumConverter<VisitType>(JsonNamingPolicy.SnakeCaseLower));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Parses a policy; throws <see cref="JsonException"/> with the path on malformed input.</summary>
    public static PolicyDocument Parse(string json) =>
        JsonSerializer.Deserialize<PolicyDocument>(json, Options) ?? throw new JsonException("政策文件为空");

    public static string Write(PolicyDocument policy) => JsonSerializer.Serialize(policy, Options);
}
