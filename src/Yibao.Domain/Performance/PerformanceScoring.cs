using System.Globalization;

namespace Yibao.Domain.Performance;

/// <summary>指标符号：≥ ≤ = &gt; &lt;，空为定性指标（由经办人判断是否达成）。</summary>
public enum TargetOperator
{
    /// <summary>≥</summary>
    AtLeast,
    /// <summary>≤</summary>
    AtMost,
    /// <summary>=</summary>
    EqualTo,
    /// <summary>&gt;</summary>
    GreaterThan,
    /// <summary>&lt;</summary>
    LessThan,
    /// <summary>定性（无符号或指标值不是数字）</summary>
    Qualitative,
}

/// <summary>自评等级：优（≥90）、良（80–90）、中（60–80）、差（&lt;60）。</summary>
public enum EvaluationGrade
{
    Excellent,
    Good,
    Fair,
    Poor,
}

/// <summary>一个指标的目标：符号与数值（定性指标无数值）。</summary>
public readonly record struct IndicatorTarget(TargetOperator Operator, decimal? Value)
{
    /// <summary>
    /// 由预算文件中的符号与指标值得到目标。指标值可带千分位、百分号或重复的符号（“≥95%”）；不是数字时为定性指标。
    /// </summary>
    public static IndicatorTarget Parse(string? op, string? value)
    {
        var o = (op ?? "").Trim() switch
        {
            "≥" or ">=" => TargetOperator.AtLeast,
            "≤" or "<=" => TargetOperator.AtMost,
            "=" or "＝" => TargetOperator.EqualTo,
            ">" or "＞" => TargetOperator.GreaterThan,
            "<" or "＜" => TargetOperator.LessThan,
            _ => TargetOperator.Qualitative,
        };
        var number = ParseNumber(value);
        return o == TargetOperator.Qualitative || number is null ? new(TargetOperator.Qualitative, null) : new(o, number);
    }

    /// <summary>A number written by a person: “95”、“95%”、“1,200”、“≥95”; null when it is not a number.</summary>
    public static decimal? ParseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim().TrimStart('≥', '≤', '=', '>', '<', '＞', '＜', '＝').TrimEnd('%', '％').Replace(",", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public string Symbol => Operator switch
    {
        TargetOperator.AtLeast => "≥",
        TargetOperator.AtMost => "≤",
        TargetOperator.EqualTo => "=",
        TargetOperator.GreaterThan => ">",
        TargetOperator.LessThan => "<",
        TargetOperator.Qualitative => "",
        _ => throw new ArgumentOutOfRangeException(nameof(Operator)),
    };
}

/// <summary>一个指标的评分结果：是否达成（无实际值时为 false）与得分（0..权重）。</summary>
public readonly record struct IndicatorScore(bool Met, decimal Score, bool HasActual);

/// <summary>
/// 绩效自评计分（纯计算）。
/// 达成：≥ 实际 ≥ 目标；&gt; 实际 &gt; 目标；≤ 实际 ≤ 目标；&lt; 实际 &lt; 目标；= |实际 − 目标| ≤ 目标的 1%（<see cref="EqualTolerance"/>）。
/// 得分：达成得满分（权重）；未达成时 ≥/&gt; 为 权重 × 实际/目标，≤/&lt; 为 权重 × 目标/实际，= 为 权重 × (1 − 偏差率)，
/// 均在 0..权重 之间并四舍五入到 0.01；无实际值得 0；定性指标由经办人判断，达成得满分、未达成得 0。
/// 总分 = 得分合计 / 权重合计 × 100（折算为百分制）。
/// </summary>
public static class PerformanceScoring
{
    /// <summary>“=”指标的容差：目标值的 1%（目标为 0 时须恰好为 0）。</summary>
    public const decimal EqualTolerance = 0.01m;

    public static IndicatorScore Score(IndicatorTarget target, decimal weight, decimal? actual, bool? qualitativeMet = null)
    {
        var w = Math.Max(0m, weight);
        if (target.Operator == TargetOperator.Qualitative || target.Value is null)
        {
            var met = qualitativeMet == true;
            return new IndicatorScore(met, met ? w : 0m, qualitativeMet is not null);
        }
        if (actual is not decimal a)
        {
            return new IndicatorScore(false, 0m, false);
        }
        var t = target.Value.Value;
        if (IsMet(target.Operator, t, a))
        {
            return new IndicatorScore(true, w, true);
        }
        var ratio = target.Operator switch
        {
            TargetOperator.AtLeast or TargetOperator.GreaterThan => t > 0 && a > 0 ? a / t : 0m,
            TargetOperator.AtMost or TargetOperator.LessThan => t > 0 && a > 0 ? t / a : 0m,
            TargetOperator.EqualTo => t == 0 ? 0m : 1m - (Math.Abs(a - t) / Math.Abs(t)),
            TargetOperator.Qualitative => 0m,
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        var raw = Math.Round(w * Math.Clamp(ratio, 0m, 1m), 2, MidpointRounding.AwayFromZero);
        return new IndicatorScore(false, Math.Clamp(raw, 0m, w), true);
    }

    public static bool IsMet(TargetOperator op, decimal target, decimal actual) => op switch
    {
        TargetOperator.AtLeast => actual >= target,
        TargetOperator.GreaterThan => actual > target,
        TargetOperator.AtMost => actual <= target,
        TargetOperator.LessThan => actual < target,
        TargetOperator.EqualTo => Math.Abs(actual - target) <= Math.Abs(target) * EqualTolerance,
        TargetOperator.Qualitative => false,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// 权重：指标都未设权重时各记 1（等权）；部分设了权重时，未设的记 0（不计分，页面提示）。负数记 0。
    /// </summary>
    public static IReadOnlyList<decimal> EffectiveWeights(IReadOnlyList<decimal?> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var none = weights.All(w => w is null);
        return weights.Select(w => none ? 1m : Math.Max(0m, w ?? 0m)).ToList();
    }

    /// <summary>总分（百分制，两位小数）：得分合计 / 权重合计 × 100；权重合计为 0 时为 0。</summary>
    public static decimal Total(IEnumerable<(decimal Weight, decimal Score)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        decimal sw = 0, ss = 0;
        foreach (var (w, s) in scores)
        {
            sw += Math.Max(0m, w);
            ss += Math.Clamp(s, 0m, Math.Max(0m, w));
        }
        return sw == 0 ? 0m : Math.Min(100m, Math.Round(ss / sw * 100m, 2, MidpointRounding.AwayFromZero));
    }

    public static EvaluationGrade Grade(decimal total) => total switch
    {
        >= 90m => EvaluationGrade.Excellent,
        >= 80m => EvaluationGrade.Good,
        >= 60m => EvaluationGrade.Fair,
        _ => EvaluationGrade.Poor,
    };

    public static string Chinese(this EvaluationGrade g) => g switch
    {
        EvaluationGrade.Excellent => "优",
        EvaluationGrade.Good => "良",
        EvaluationGrade.Fair => "中",
        EvaluationGrade.Poor => "差",
        _ => throw new ArgumentOutOfRangeException(nameof(g)),
    };
}
