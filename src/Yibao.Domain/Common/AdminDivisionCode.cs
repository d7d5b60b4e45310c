namespace Yibao.Domain.Common;

/// <summary>
/// 行政区划代码 (GB/T 2260): six ASCII digits, 省 (2) + 地 (2) + 县 (2). The first two digits are one of the
/// province codes of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82). A code whose
/// prefecture part is 00 must also have county part 00 (xx00yy does not exist in the standard).
/// A value of this type is always valid (except <c>default</c>, whose <see cref="Value"/> is null).
/// </summary>
public readonly record struct AdminDivisionCode
{
    /// <summary>Field name used in <see cref="DomainException.Field"/> (national field 参保地/就医地医保区划 admdvs).</summary>
    public const string FieldName = "admdvs";

    /// <summary>Stable error code used in <see cref="DomainException.Code"/>.</summary>
    public const string ErrorCode = "invalid-admdvs";

    private AdminDivisionCode(string value) => Value = value;

    /// <summary>The six digits.</summary>
    public string Value { get; }

    /// <summary>Province when the last four digits are 0000, Prefecture when the last two are 00, otherwise County.</summary>
    public AdminDivisionLevel Level =>
        Value.AsSpan(2).SequenceEqual("0000") ? AdminDivisionLevel.Province
        : Value.AsSpan(4).SequenceEqual("00") ? AdminDivisionLevel.Prefecture
        : AdminDivisionLevel.County;

    /// <summary>The province containing this code (xx0000); a province code returns itself.</summary>
    public AdminDivisionCode ProvinceCode =>
        Level == AdminDivisionLevel.Province ? this : new(string.Concat(Value.AsSpan(0, 2), "0000"));

    /// <summary>
    /// The prefecture containing this code (xxxx00); a prefecture code returns itself and a province code
    /// returns itself too (it has no prefecture above it).
    /// </summary>
    public AdminDivisionCode PrefectureCode =>
        Level == AdminDivisionLevel.County ? new(string.Concat(Value.AsSpan(0, 4), "00")) : this;

    /// <summary>
    /// True when this area lies inside <paramref name="other"/> or is the same area:
    /// 130123 is within 130100 and 130000; 130100 is within 130000; 130000 is not within 130100.
    /// </summary>
    public bool IsWithin(AdminDivisionCode other)
    {
        if (Value is null || other.Value is null)
        {
            return false;
        }

        return other.Level switch
        {
            AdminDivisionLevel.Province => Value.AsSpan(0, 2).SequenceEqual(other.Value.AsSpan(0, 2)),
            AdminDivisionLevel.Prefecture => Value.AsSpan(0, 4).SequenceEqual(other.Value.AsSpan(0, 4)),
            AdminDivisionLevel.County => string.Equals(Value, other.Value, StringComparison.Ordinal),
            _ => false,
        };
    }

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Parses or throws <see cref="DomainException"/> (Field <c>admdvs</c>, Code <c>invalid-admdvs</c>).</summary>
    public static AdminDivisionCode Parse(string? text) =>
        TryParse(text, out var code, out var error)
            ? code
            : throw new DomainException(error!) { Field = FieldName, Code = ErrorCode };

    public static bool TryParse(string? text, out AdminDivisionCode code) => TryParse(text, out code, out _);

    /// <summary>Validates (surrounding whitespace is ignored); <paramref name="error"/> is a Chinese message naming the rule broken.</summary>
    public static bool TryParse(string? text, out AdminDivisionCode code, out string? error)
    {
        code = default;
        var s = (text ?? string.Empty).AsSpan().Trim();
        if (s.Length != 6)
        {
            error = $"行政区划代码应为 6 位数字（实际 {s.Length} 位）";
            return false;
        }

        foreach (var ch in s)
        {
            if (!char.IsAsciiDigit(ch))
            {
                error = "行政区划代码应为 6 位数字";
                return false;
            }
        }

        var province = ((s[0] - '0') * 10) + (s[1] - '0');
        if (!IsProvincePrefix(province))
        {
            error = $"行政区划代码前两位“{s[..2]}”不是 GB/T 2260 规定的省级代码（11–82）";
            return false;
        }

        if (s[2] == '0' && s[3] == '0' && !(s[4] == '0' && s[5] == '0'))
        {
            error = "行政区划代码第 3–4 位为 00 时，第 5–6 位也须为 00";
            return false;
        }

        code = new AdminDivisionCode(s.Length == text!.Length ? text : s.ToString());
        error = null;
        return true;
    }

    private static bool IsProvincePrefix(int p) => p switch
    {
        >= 11 and <= 15 => true, // 华北
        >= 21 and <= 23 => true, // 东北
        >= 31 and <= 37 => true, // 华东
        >= 41 and <= 46 => true, // 中南
        >= 50 and <= 54 => true, // 西南
        >= 61 and <= 65 => true, // 西北
        71 or 81 or 82 => true,  // 台湾、香港、澳门
        _ => false,
    };
}
