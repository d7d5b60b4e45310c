using System.Globalization;
using System.Text.RegularExpressions;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>Finds money amounts (元/万元/亿元) and percentages in a sentence and classifies their role from the words before them.</summary>
public static partial class FigureExtractor
{
    public static IReadOnlyList<Figure> Extract(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var result = new List<Figure>();
        foreach (Match m in Number().Matches(sentence))
        {
            var numText = m.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal);
            if (!decimal.TryParse(numText, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var unit = m.Groups["unit"].Value switch
            {
                "亿元" => FigureUnit.YiYuan,
                "万元" => FigureUnit.WanYuan,
                "元" => FigureUnit.Yuan,
                _ => FigureUnit.Percent,
            };
            int decimals = numText.Contains('.', StringComparison.Ordinal) ? numText.Length - numText.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
            int ws = Math.Max(0, m.Index - 14);
            var window = sentence[ws..m.Index].TrimEnd();
            var (kind, sign) = Classify(window, unit);
            result.Add(new Figure(value, unit, kind, sign, m.Index, m.Index + m.Length, LabelBefore(sentence, m.Index), decimals));
        }
        return result;
    }

    private static (FigureKind Kind, int Sign) Classify(string window, FigureUnit unit)
    {
        if (unit == FigureUnit.Percent)
        {
            var pm = PercentChange().Match(window);
            if (pm.Success)
            {
                return (FigureKind.ChangePercent, IsNegative(pm.Groups["verb"].Value) ? -1 : 1);
            }
            return Share().IsMatch(window) ? (FigureKind.Share, 1) : (FigureKind.Plain, 1);
        }
        var cm = ChangeVerb().Match(window);
        if (cm.Success)
        {
            return (FigureKind.Change, IsNegative(cm.Groups["verb"].Value) ? -1 : 1);
        }
        return PriorMarker().IsMatch(window) ? (FigureKind.Prior, 1) : (FigureKind.Level, 1);
    }

    private static bool IsNegative(string verb) =>
        verb.Contains('减', StringComparison.Ordinal) || verb.Contains('降', StringComparison.Ordinal)
        || verb.Contains('少', StringComparison.Ordinal) || verb.Contains("节约", StringComparison.Ordinal);

    /// <summary>The words before position <paramref name="index"/> back to the previous clause delimiter.</summary>
    public static string LabelBefore(string sentence, int index)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        int i = index - 1;
        while (i >= 0 && "，,；;：:、。（(）)".IndexOf(sentence[i], StringComparison.Ordinal) < 0)
        {
            i--;
        }
        var label = sentence[(i + 1)..index].Trim();
        return label;
    }

    [GeneratedRegex(@"(?<![\d.])(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<unit>亿元|万元|元|%)")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<verb>增加|减少|增长|下降|核减|核增|降低|上升|节约|超支|减|增)了?\s*(为)?\s*$")]
    private static partial Regex ChangeVerb();

    [GeneratedRegex(@"(?<verb>增长率|增幅|降幅|下降率|核减率|减少率|减幅|增长|下降|减少|增加|上升|降低|核减)(了|为|是)?\s*$")]
    private static partial Regex PercentChange();

    [GeneratedRegex(@"占[^，；。]{0,12}$")]
    private static partial Regex Share();

    [GeneratedRegex(@"(较|比|同比)[^，；。增减]{0,14}$")]
    private static partial Regex PriorMarker();
}
