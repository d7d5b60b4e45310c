using System.Globalization;
using System.Text;

namespace Yibao.Domain.Common;

/// <summary>
/// Masks personal data for screens and logs (DESIGN §7). Every method accepts any input, never throws,
/// and returns a string of the same length (in characters, or text elements for names) with '*' for hidden
/// characters. Null gives an empty string.
/// </summary>
public static class Masking
{
    public const char MaskChar = '*';

    /// <summary>
    /// 公民身份号码: keeps the first 6 (行政区划) and the last 4 characters, masks the rest:
    /// 11010519491231002X → 110105********002X; 15-digit numbers likewise (110105*****1002 style).
    /// Anything that is not shaped like a number (15 digits, or 17 digits followed by a digit or X/x)
    /// is masked completely; the check character is not verified.
    /// </summary>
    public static string ResidentId(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (!LooksLikeResidentId(value))
        {
            return new string(MaskChar, value.Length);
        }

        return string.Create(value.Length, value, static (span, v) =>
        {
            v.AsSpan().CopyTo(span);
            span[6..^4].Fill(MaskChar);
        });
    }

    /// <summary>
    /// Telephone numbers. Mobile numbers (11 digits starting with 1, optionally after +86/86) keep the first
    /// 3 and last 4 digits: 13812345678 → 138****5678. Other numbers (landlines) keep only the last 4 digits:
    /// 0571-87654321 → ****-****4321. Separators (space, '-', '+', parentheses) stay; any other character is
    /// masked. Inputs with fewer than 7 digits are masked completely.
    /// </summary>
    public static string Phone(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var digitCount = 0;
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                digitCount++;
            }
        }

        // Number of leading digits to keep: a country code 86 (if present) plus the 3-digit mobile prefix.
        var keepLeading = 0;
        var keepTrailing = 4;
        if (digitCount < 7)
        {
            keepTrailing = 0;
        }
        else if (digitCount == 11 && FirstDigits(value, 1) == "1")
        {
            keepLeading = 3;
        }
        else if (digitCount == 13 && FirstDigits(value, 3) == "861")
        {
            keepLeading = 5;
        }

        var sb = new StringBuilder(value.Length);
        var index = 0;
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                var keep = index < keepLeading || index >= digitCount - keepTrailing;
                sb.Append(keep ? ch : MaskChar);
                index++;
            }
            else
            {
                sb.Append(ch is ' ' or '-' or '+' or '(' or ')' ? ch : MaskChar);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Personal names keep the surname and mask the given name: 张三 → 张*, 张三丰 → 张**.
    /// A leading 复姓 (欧阳, 司马, 诸葛 …) is kept whole when the name has at least three characters:
    /// 欧阳娜娜 → 欧阳**; a two-character name keeps only its first character. The separator '·' of
    /// transliterated names stays visible. Works on text elements, so a surname outside the BMP is one character.
    /// </summary>
    public static string Name(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return value is null ? string.Empty : new string(MaskChar, value.Length);
        }

        var elements = new List<string>(value.Length);
        var e = StringInfo.GetTextElementEnumerator(value);
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }

        if (elements.Count == 1)
        {
            return MaskChar.ToString();
        }

        var keep = 1;
        if (elements.Count >= 3 && value.Length >= 2 && CompoundSurnames.Contains(value[..2]))
        {
            keep = 2;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < elements.Count; i++)
        {
            var el = elements[i];
            sb.Append(i < keep || el is "·" or "•" or "・" ? el : MaskChar.ToString());
        }

        return sb.ToString();
    }

    private static readonly HashSet<string> CompoundSurnames = new(StringComparer.Ordinal)
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
        "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "呼延", "闻人", "澹台", "公冶", "申屠", "濮阳", "淳于",
        "单于", "钟离", "宗政", "赫连", "万俟", "拓跋", "东郭", "左丘", "司空", "鲜于", "闾丘", "百里", "太史",
    };

    private static bool LooksLikeResidentId(string v)
    {
        if (v.Length == 15)
        {
            foreach (var ch in v)
            {
                if (!char.IsAsciiDigit(ch))
                {
                    return false;
                }
            }

            return true;
        }

        if (v.Length == 18)
        {
            for (var i = 0; i < 17; i++)
            {
                if (!char.IsAsciiDigit(v[i]))
                {
                    return false;
                }
            }

            return char.IsAsciiDigit(v[17]) || v[17] is 'X' or 'x';
        }

        return false;
    }

    private static string FirstDigits(string value, int count)
    {
        var sb = new StringBuilder(count);
        foreach (var ch in value)
        {
            if (sb.Length == count)
            {
                break;
            }

            if (char.IsAsciiDigit(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// 银行账号: keeps the last 4 characters and masks the rest (6222021234567890123 → ***************0123);
    /// inputs of 8 characters or fewer are masked completely.
    /// </summary>
    public static string BankAccount(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.Length <= 8 ? new string(MaskChar, value.Length) : new string(MaskChar, value.Length - 4) + value[^4..];
    }
}
