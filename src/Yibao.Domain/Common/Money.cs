using System.Globalization;
using System.Text;

namespace Yibao.Domain.Common;

/// <summary>
/// Money helpers (DESIGN §3): amounts are <see cref="decimal"/> 元, rounded to 分 with
/// <see cref="MidpointRounding.AwayFromZero"/> (四舍五入); budget documents show 万元 with two decimals.
/// </summary>
public static class Money
{
    /// <summary>The largest amount <see cref="ToChineseUppercase"/> accepts (千亿 is the highest unit).</summary>
    public const decimal MaxUppercaseAmount = 999_999_999_999.99m;

    private static readonly CultureInfo ZhCn = CultureInfo.GetCultureInfo("zh-CN");
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private const string SmallUnits = "仟佰拾";

    /// <summary>Rounds to 分 (two decimals), 四舍五入.</summary>
    public static decimal RoundToFen(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>元 → 万元 rounded to two decimals, 四舍五入 (1,234,567 元 → 123.46 万元).</summary>
    public static decimal ToWanYuan(decimal yuan) => Math.Round(yuan / 10_000m, 2, MidpointRounding.AwayFromZero);

    /// <summary>元 for display: zh-CN grouping and two decimals, "1,234.50"; negatives as "-1,234.50".</summary>
    public static string FormatYuan(decimal yuan) => RoundToFen(yuan).ToString("N2", ZhCn);

    /// <summary>
    /// 万元 for budget tables: two decimals without grouping, as the published disclosures print them
    /// (1,234,567 元 → "123.46").
    /// </summary>
    public static string FormatWanYuan(decimal yuan) => ToWanYuan(yuan).ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="part"/> as a percentage of <paramref name="whole"/>, rounded to two decimals (四舍五入);
    /// null when <paramref name="whole"/> is 0 (the ratio is undefined, not 0).
    /// </summary>
    public static decimal? Percent(decimal part, decimal whole)
    {
        if (whole == 0m)
        {
            return null;
        }

        // Divide first when multiplying by 100 would overflow; otherwise multiply first to keep precision.
        var ratio = Math.Abs(part) < decimal.MaxValue / 100m ? part * 100m / whole : part / whole * 100m;
        return Math.Round(ratio, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// 人民币大写 following 中国人民银行《正确填写票据和结算凭证的基本规定》. The amount is first rounded to 分.
    /// <list type="bullet">
    /// <item>"拾" is always preceded by a digit: 10.50 → 壹拾元伍角.</item>
    /// <item>Zeros between digits are written as one 零: 1004.07 → 壹仟零肆元零柒分; a whole zero 万 section too: 100001000 → 壹亿零壹仟元整.</item>
    /// <item>When only the 万/亿 position is zero and the next digit is a 仟 the 零 is left out (the rule allows both): 105000 → 壹拾万伍仟元整.</item>
    /// <item>When the 元 digit is 0 and 角 is not, no 零 is written after 元 (the rule allows both): 1010.10 → 壹仟零壹拾元壹角.</item>
    /// <item>角 is 0 and 分 is not: 零 after 元 is mandatory: 100.05 → 壹佰元零伍分.</item>
    /// <item>"整" follows 元 only; an amount ending in 角 has no 整 (10.50 → 壹拾元伍角).</item>
    /// <item>Amounts under one 元 have no 元 part: 0.50 → 伍角, 0.05 → 伍分; zero is 零元整.</item>
    /// <item>Negative amounts are prefixed 负.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rounded amount's magnitude exceeds <see cref="MaxUppercaseAmount"/>.</exception>
    public static string ToChineseUppercase(decimal amount)
    {
        var rounded = RoundToFen(amount);
        if (Math.Abs(rounded) > MaxUppercaseAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "人民币大写金额最高支持到千亿位（999,999,999,999.99 元）");
        }

        if (rounded == 0m)
        {
            return "零元整";
        }

        var sb = new StringBuilder(32);
        if (rounded < 0m)
        {
            sb.Append('负');
            rounded = -rounded;
        }

        var integer = (long)decimal.Truncate(rounded);
        var cents = (int)((rounded - integer) * 100m);
        var jiao = cents / 10;
        var fen = cents % 10;

        if (integer > 0)
        {
            AppendInteger(sb, integer);
            sb.Append('元');
        }

        if (jiao == 0 && fen == 0)
        {
            sb.Append('整');
            return sb.ToString();
        }

        if (jiao > 0)
        {
            sb.Append(Digits[jiao]).Append('角');
        }
        else if (integer > 0)
        {
            sb.Append('零');
        }

        if (fen > 0)
        {
            sb.Append(Digits[fen]).Append('分');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Writes a positive integer below 10^12 in sections of four digits (亿, 万, units).
    /// A 零 is written before a digit when zeros separate it from the previous written digit,
    /// except when those zeros are only the trailing zeros of the previous section (absorbed by 万/亿)
    /// and the digit is the leading 仟 of its section.
    /// </summary>
    private static void AppendInteger(StringBuilder sb, long value)
    {
        Span<char> digits = stackalloc char[12];
        for (var i = 11; i >= 0; i--)
        {
            digits[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        var written = false;   // a digit has been written
        var pendingZero = false; // zeros seen since the last written digit that require a 零
        for (var section = 0; section < 3; section++)
        {
            var allZero = true;
            for (var k = 0; k < 4; k++)
            {
                var d = digits[(section * 4) + k] - '0';
                if (d == 0)
                {
                    if (written)
                    {
                        pendingZero = true;
                    }

                    continue;
                }

                if (pendingZero)
                {
                    sb.Append('零');
                    pendingZero = false;
                }

                allZero = false;
                written = true;
                sb.Append(Digits[d]);
                if (k < 3)
                {
                    sb.Append(SmallUnits[k]);
                }
            }

            if (!allZero && section < 2)
            {
                sb.Append(section == 0 ? '亿' : '万');
            }

            if (!allZero)
            {
                // Trailing zeros of a non-empty section are absorbed by its unit (万/亿):
                // 105000 → 壹拾万伍仟, not 壹拾万零伍仟. A 零 is still needed if the next section
                // has leading zeros (100700 → 壹拾万零柒佰); that is detected inside the next section.
                pendingZero = false;
            }
        }
    }
}
