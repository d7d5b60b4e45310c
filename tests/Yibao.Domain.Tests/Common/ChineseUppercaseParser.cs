namespace Yibao.Domain.Tests.Common;

/// <summary>
/// A strict parser of 人民币大写, written independently of <c>Money.ToChineseUppercase</c>, used to check that
/// the text reads back to the same amount. It rejects unknown characters, a unit not preceded by a digit
/// (拾 must be written 壹拾), a 零 followed by a unit, and doubled 零.
/// </summary>
internal static class ChineseUppercaseParser
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";

    public static decimal Parse(string text)
    {
        if (text == "零元整")
        {
            return 0m;
        }

        var negative = text.StartsWith('负');
        var s = negative ? text[1..] : text;
        long total = 0, section = 0, number = 0;
        decimal fraction = 0m;
        var previous = '\0';

        foreach (var ch in s)
        {
            var digit = Digits.IndexOf(ch, StringComparison.Ordinal);
            if (digit == 0)
            {
                if (previous == '零')
                {
                    throw new FormatException($"连续的零：{text}");
                }

                number = 0;
            }
            else if (digit > 0)
            {
                number = digit;
            }
            else
            {
                var needsDigit = ch is '拾' or '佰' or '仟' or '角' or '分';
                if (needsDigit && Digits.IndexOf(previous, StringComparison.Ordinal) <= 0)
                {
                    throw new FormatException($"“{ch}”前缺少数字：{text}");
                }

                if (previous == '零')
                {
                    throw new FormatException($"零后不能直接跟单位“{ch}”：{text}");
                }

                switch (ch)
                {
                    case '拾': section += number * 10; number = 0; break;
                    case '佰': section += number * 100; number = 0; break;
                    case '仟': section += number * 1000; number = 0; break;
                    case '万': total += (section + number) * 10_000; section = number = 0; break;
                    case '亿': total = (total + section + number) * 100_000_000; section = number = 0; break;
                    case '元': total += section + number; section = number = 0; break;
                    case '角': fraction += number * 0.1m; number = 0; break;
                    case '分': fraction += number * 0.01m; number = 0; break;
                    case '整': break;
                    default: throw new FormatException($"无法识别的字符“{ch}”：{text}");
                }
            }

            previous = ch;
        }

        if (number != 0 || section != 0)
        {
            throw new FormatException($"末尾有未带单位的数字：{text}");
        }

        var amount = total + fraction;
        return negative ? -amount : amount;
    }
}
