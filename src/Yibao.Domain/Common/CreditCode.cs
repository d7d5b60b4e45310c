namespace Yibao.Domain.Common;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from the code set 0-9 A-H J-N P-R T-U W-Y
/// (no I, O, Z, S, V): 登记管理部门码 (1), 机构类别码 (1), 行政区划码 (6), 主体标识码 (9), and a MOD 31 check character.
/// A value of this type is always valid.
/// </summary>
public readonly record struct CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private CreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>登记管理部门码: 1 机构编制, 5 民政, 9 工商 (市场监管), Y 其他.</summary>
    public char RegistrationAuthority => Value[0];

    /// <summary>机构类别码 within the registration authority (e.g. 91 企业, 11 机关, 12 事业单位).</summary>
    public char Category => Value[1];

    public string DivisionCode => Value.Substring(2, 6);

    public override string ToString() => Value ?? string.Empty;

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("需要 17 位本体码", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0)
            {
                throw new ArgumentException("本体码含有非法字符", nameof(first17));
            }

            sum += v * Weights[i];
        }

        var c = 31 - (sum % 31);
        return Alphabet[c == 31 ? 0 : c];
    }

    /// <summary>Completes 17 characters with their check character.</summary>
    /// <exception cref="ArgumentException">The 17 characters break a rule that <see cref="TryParse(string?, out CreditCode, out string?)"/> enforces.</exception>
    public static CreditCode Create(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var s = first17.ToUpperInvariant();
        if (s.Length != 17)
        {
            throw new ArgumentException("需要 17 位本体码", nameof(first17));
        }

        // Validate through TryParse so that Create can never build a code that Parse rejects.
        return TryParse(s + CheckCharacter(s), out var code, out var error)
            ? code
            : throw new ArgumentException(error, nameof(first17));
    }

    public static CreditCode Parse(string? text) =>
        TryParse(text, out var code, out var error)
            ? code
            : throw new DomainException(error!) { Field = "uscc", Code = "invalid-credit-code" };

    public static bool TryParse(string? text, out CreditCode code) => TryParse(text, out code, out _);

    public static bool TryParse(string? text, out CreditCode code, out string? error)
    {
        code = default;
        var s = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (s.Length != 18)
        {
            error = $"统一社会信用代码应为 18 位（实际 {s.Length} 位）";
            return false;
        }

        foreach (var ch in s)
        {
            if (Alphabet.IndexOf(ch, StringComparison.Ordinal) < 0)
            {
                error = $"统一社会信用代码含有非法字符“{ch}”（不得使用 I、O、Z、S、V）";
                return false;
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                error = "统一社会信用代码第 3–8 位（登记管理机关行政区划码）须为数字";
                return false;
            }
        }

        var expected = CheckCharacter(s.AsSpan(0, 17));
        if (s[17] != expected)
        {
            error = $"统一社会信用代码校验码错误（按 GB 32100 MOD 31 应为 {expected}）";
            return false;
        }

        code = new CreditCode(s);
        error = null;
        return true;
    }
}
