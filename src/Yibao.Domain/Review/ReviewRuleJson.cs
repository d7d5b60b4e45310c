using System.Text.Json;
using System.Text.Json.Serialization;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Institutions;

namespace Yibao.Domain.Review;

/// <summary>Reads and writes review rule sets (snake_case JSON, invariant); format in docs/formats/review-rules.md.</summary>
public static class ReviewRuleJson
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
        var naming = JsonNamingPolicy.SnakeCaseLower;
        o.Converters.Add(new JsonStringEnumConverter<ReviewRuleType>(naming, allowIntegerValues: false));
        o.Converters.Add(new JsonStringEnumConverter<ReviewResultType>(naming, allowIntegerValues: false));
        o.Converters.Add(new JsonStringEnumConverter<ReviewWindow>(naming, allowIntegerValues: false));
        o.Converters.Add(new JsonStringEnumConverter<ReviewStage>(naming, allowIntegerValues: false));
        o.Converters.Add(new JsonStringEnumConverter<ReviewRuleStatus>(naming, allowIntegerValues: false));
        o.Converters.Add(new JsonStringEnumConverter<VisitType>(naming, allowIntegerValues: false));
        o.Converters.Add(new JsonStringEnumConverter<InstitutionType>(naming, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Parses a rule set; throws <see cref="JsonException"/> on malformed input.</summary>
    public static ReviewRuleSet Parse(string json) =>
        JsonSerializer.Deserialize<ReviewRuleSet>(json, Options) ?? throw new JsonException("规则集文件为空");

    /// <summary>
    /// Parses and validates: either the rule set or the errors, each "JSON 路径：规则" in Chinese
    /// (a malformed file gives one error at the place the reader stopped).
    /// </summary>
    public static (ReviewRuleSet? RuleSet, IReadOnlyList<string> Errors) ParseAndValidate(string json)
    {
        ReviewRuleSet set;
        try
        {
            set = Parse(json);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            return (null, [path + "：JSON 格式错误、缺少必填字段、字段名未定义或取值不在允许范围内"]);
        }

        var errors = ReviewRuleValidator.Validate(set);
        return errors.Count == 0 ? (set, errors) : (null, errors);
    }

    public static string Write(ReviewRuleSet set) => JsonSerializer.Serialize(set, Options);
}
