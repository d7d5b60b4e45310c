using CsCheck;
using Yibao.Domain.Common;

namespace Yibao.Domain.Tests.Common;

public class CreditCodeTests
{
    // Published example (福州 enterprise, 9 工商 / 1 企业 / 350100 福州市 / 主体标识码 M000100Y4 / check 3),
    // verified with the MOD 31 algorithm.
    private const string Published = "91350100M000100Y43";

    [Fact]
    public void Parse_accepts_the_published_example_and_exposes_its_parts()
    {
        var code = CreditCode.Parse(Published);

        code.Value.ShouldBe(Published);
        code.RegistrationAuthority.ShouldBe('9');
        code.Category.ShouldBe('1');
        code.DivisionCode.ShouldBe("350100");
        code.ToString().ShouldBe(Published);
        CreditCode.CheckCharacter(Published.AsSpan(0, 17)).ShouldBe('3');
    }

    [Fact]
    public void Lowercase_is_accepted_and_normalized()
    {
        CreditCode.Parse(" 91350100m000100y43 ").Value.ShouldBe(Published);
    }

    /// <summary>
    /// "11100000000013127T" circulates as an example 机关 code, but MOD 31 over its first 17 characters gives D,
    /// so it is not a valid code and must be rejected with a message naming D.
    /// </summary>
    [Fact]
    public void Circulated_example_with_wrong_check_character_is_rejected_naming_the_expected_one()
    {
        CreditCode.CheckCharacter("11100000000013127").ShouldBe('D');

        CreditCode.TryParse("11100000000013127T", out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain("校验码");
        error.ShouldContain("应为 D");
        CreditCode.TryParse("11100000000013127D", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('i')]
    [InlineData('o')]
    public void Letters_outside_the_code_set_are_rejected(char letter)
    {
        var text = Published[..8] + letter + Published[9..];

        CreditCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain("非法字符");
        error.ShouldContain(char.ToUpperInvariant(letter).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    public void Wrong_length_is_rejected(string? text)
    {
        CreditCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain("18 位");
    }

    [Fact]
    public void Division_part_must_be_digits()
    {
        var first17 = "91A50100M000100Y4";
        var text = first17 + CreditCode.CheckCharacter(first17);

        CreditCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain("行政区划码");
    }

    [Fact]
    public void Parse_throws_a_domain_exception_naming_the_field()
    {
        var ex = Should.Throw<DomainException>(() => CreditCode.Parse("91350100M000100Y44"));

        ex.Field.ShouldBe("uscc");
        ex.Code.ShouldBe("invalid-credit-code");
        ex.Message.ShouldContain("统一社会信用代码");
    }

    [Fact]
    public void Create_completes_seventeen_characters()
    {
        CreditCode.Create("91350100M000100Y4").Value.ShouldBe(Published);
        CreditCode.Create("91350100m000100y4").Value.ShouldBe(Published);
    }

    [Theory]
    [InlineData("91350100M000100Y")]
    [InlineData("91A50100M000100Y4")] // would fail Parse's digit rule for positions 3-8
    [InlineData("91350100M0001O0Y4")]
    public void Create_rejects_bodies_that_Parse_would_reject(string first17)
    {
        Should.Throw<ArgumentException>(() => CreditCode.Create(first17));
    }

    [Fact]
    public void Check_character_maps_remainder_zero_to_0()
    {
        // 17 zeros: weighted sum 0, 31 − 0 = 31 wraps to value 0.
        CreditCode.CheckCharacter("00000000000000000").ShouldBe('0');
    }

    // ---- property tests ----

    private static readonly Gen<char> CodeChar = Gen.Char[CreditCode.Alphabet];
    private static readonly Gen<char> DigitChar = Gen.Char["0123456789"];

    internal static readonly Gen<string> BodyGen =
        Gen.Select(CodeChar.Array[2], DigitChar.Array[6], CodeChar.Array[9])
            .Select(t => new string(t.Item1) + new string(t.Item2) + new string(t.Item3));

    [Fact]
    public void Property_Create_then_Parse_roundtrips()
    {
        BodyGen.Sample(body =>
        {
            var code = CreditCode.Create(body);

            code.Value[..17].ShouldBe(body);
            CreditCode.Parse(code.Value).ShouldBe(code);
            CreditCode.Parse(code.Value.ToLowerInvariant()).ShouldBe(code);
            code.DivisionCode.ShouldBe(body.Substring(2, 6));
        }, iter: 5_000);
    }

    /// <summary>
    /// MOD 31 detects every single-character substitution: the weights 3^i mod 31 are all non-zero, 31 is prime
    /// and two different characters differ by 1..30 in value, so the weighted sum changes modulo 31 and the
    /// check character with it; substituting the check character itself obviously mismatches.
    /// </summary>
    [Fact]
    public void Property_changing_any_single_character_makes_the_code_invalid()
    {
        Gen.Select(BodyGen, Gen.Int[0, 17], Gen.Int[0, 1000]).Sample((body, position, pick) =>
        {
            var value = CreditCode.Create(body).Value;
            var candidates = CreditCode.Alphabet.Replace(value[position].ToString(), string.Empty, StringComparison.Ordinal);
            var chars = value.ToCharArray();
            chars[position] = candidates[pick % candidates.Length];

            CreditCode.TryParse(new string(chars), out _, out var error).ShouldBeFalse();
            error.ShouldNotBeNullOrEmpty();
        }, iter: 20_000);
    }

    [Fact]
    public void Property_TryParse_never_throws_on_arbitrary_text()
    {
        Gen.String.Sample(s =>
        {
            var ok = CreditCode.TryParse(s, out var code, out var error);
            (ok ? code.Value : error).ShouldNotBeNull();
        }, iter: 5_000);
    }
}
