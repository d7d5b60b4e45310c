using System.Globalization;

namespace Yibao.Domain.Common;

/// <summary>
/// 公民身份号码 (GB 11643-1999): 6-digit 行政区划代码, 8-digit birth date, 3-digit sequence
/// (odd = male), and a MOD 11-2 check character (0-9 or X). A value of this type is always valid.
/// The 15-digit legacy form (before 1999: 6 + yyMMdd + 3) is accepted and upgraded to 18 digits.
/// </summary>
public readonly record struct ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";
    private const int MinBirthYear = 1880;

    private ResidentId(string value) => Value = value;

    /// <summary>The 18-character form, upper-case X.</summary>
    public string Value { get; }

    public string DivisionCode => Value[..6];

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    public Gender Gender => (Value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Computes the MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("需要 17 位本体码", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = first17[i] - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException("本体码只能是数字", nameof(first17));
            }

            sum += d * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>Builds a valid number from its parts (used by generators and tests).</summary>
    public static ResidentId Create(string divisionCode, DateOnly birthDate, int sequence)
    {
        if (divisionCode is null || divisionCode.Length != 6 || !divisionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("行政区划代码须为 6 位数字", nameof(divisionCode));
        }

        // Same rules as TryParse, so that Create can never build a number that Parse rejects.
        if (divisionCode[0] == '0')
        {
            throw new ArgumentException("公民身份号码的行政区划代码不能以 0 开头", nameof(divisionCode));
        }

        if (birthDate.Year < MinBirthYear)
        {
            throw new ArgumentOutOfRangeException(nameof(birthDate), $"公民身份号码中的出生日期不能早于 {MinBirthYear} 年");
        }

        if (sequence is < 0 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), "顺序码须在 000–999 之间");
        }

        var first17 = string.Concat(divisionCode, birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), sequence.ToString("000", CultureInfo.InvariantCulture));
        return new ResidentId(first17 + CheckCharacter(first17));
    }

    public static ResidentId Parse(string? text) =>
        TryParse(text, out var id, out var error)
            ? id
            : throw new DomainException(error!) { Field = "certno", Code = "invalid-resident-id" };

    public static bool TryParse(string? text, out ResidentId id) => TryParse(text, out id, out _);

    /// <summary>Validates and normalizes; <paramref name="error"/> is a Chinese message naming the rule broken.</summary>
    public static bool TryParse(string? text, out ResidentId id, out string? error)
    {
        id = default;
        var s = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (s.Length == 15)
        {
            if (!s.All(char.IsAsciiDigit))
            {
                error = "公民身份号码（15 位旧号）只能由数字组成";
                return false;
            }

            if (s[0] == '0')
            {
                error = "公民身份号码的行政区划代码无效（不能以 0 开头）";
                return false;
            }

            // Legacy numbers were issued to people born in the 1900s (GB 11643 upgrade inserts "19").
            s = string.Concat(s.AsSpan(0, 6), "19", s.AsSpan(6));
            if (!IsValidDate(s.AsSpan(6, 8)))
            {
                error = $"公民身份号码中的出生日期 {s.AsSpan(6, 8)} 无效";
                return false;
            }

            id = new ResidentId(s + CheckCharacter(s));
            error = null;
            return true;
        }

        if (s.Length != 18)
        {
            error = $"公民身份号码应为 18 位（或 15 位旧号），实际 {s.Length} 位";
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                error = "公民身份号码前 17 位只能是数字";
                return false;
            }
        }

        if (!char.IsAsciiDigit(s[17]) && s[17] != 'X')
        {
            error = "公民身份号码第 18 位校验码只能是数字或 X";
            return false;
        }

        if (s[0] == '0')
        {
            error = "公民身份号码的行政区划代码无效（不能以 0 开头）";
            return false;
        }

        if (!IsValidDate(s.AsSpan(6, 8)))
        {
            error = $"公民身份号码中的出生日期 {s.AsSpan(6, 8)} 无效";
            return false;
        }

        var expected = CheckCharacter(s.AsSpan(0, 17));
        if (s[17] != expected)
        {
            error = $"公民身份号码校验码错误（按 GB 11643 MOD 11-2 应为 {expected}）";
            return false;
        }

        id = new ResidentId(s);
        error = null;
        return true;
    }

    private static bool IsValidDate(ReadOnlySpan<char> yyyymmdd) =>
        DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
        && d.Year >= MinBirthYear;
}
