using CsCheck;
using Yibao.Domain.Common;

namespace Yibao.Domain.Tests.Common;

public class ResidentIdTests
{
    // The two worked examples printed in GB 11643-1999 itself.
    private const string StandardExample = "11010519491231002X";
    private const string StandardExample1880 = "440524188001010014";

    [Theory]
    [InlineData(StandardExample, "110105", 1949, 12, 31, Gender.Female)]
    [InlineData(StandardExample1880, "440524", 1880, 1, 1, Gender.Male)]
    public void Parse_accepts_the_examples_of_the_standard(string text, string division, int y, int m, int d, Gender gender)
    {
        var id = ResidentId.Parse(text);

        id.Value.ShouldBe(text);
        id.DivisionCode.ShouldBe(division);
        id.BirthDate.ShouldBe(new DateOnly(y, m, d));
        id.Gender.ShouldBe(gender);
        id.ToString().ShouldBe(text);
    }

    [Fact]
    public void Lowercase_x_is_accepted_and_normalized_to_uppercase()
    {
        var id = ResidentId.Parse("11010519491231002x");

        id.Value.ShouldBe(StandardExample);
        id.ShouldBe(ResidentId.Parse(StandardExample));
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored()
    {
        ResidentId.Parse("  11010519491231002X\t").Value.ShouldBe(StandardExample);
    }

    [Fact]
    public void Fifteen_digit_legacy_number_is_upgraded_to_eighteen_digits()
    {
        var id = ResidentId.Parse("110105491231002");

        id.Value.ShouldBe(StandardExample);
        id.BirthDate.ShouldBe(new DateOnly(1949, 12, 31));
        id.Gender.ShouldBe(Gender.Female);
    }

    [Fact]
    public void Fifteen_digit_number_with_odd_sequence_is_male()
    {
        var id = ResidentId.Parse("130123800101011");

        id.Value.Length.ShouldBe(18);
        id.Value[..17].ShouldBe("13012319800101011");
        id.Gender.ShouldBe(Gender.Male);
        id.BirthDate.ShouldBe(new DateOnly(1980, 1, 1));
    }

    [Theory]
    [InlineData('1', Gender.Male)]
    [InlineData('3', Gender.Male)]
    [InlineData('9', Gender.Male)]
    [InlineData('0', Gender.Female)]
    [InlineData('2', Gender.Female)]
    [InlineData('8', Gender.Female)]
    public void Gender_comes_from_the_seventeenth_digit(char seventeenth, Gender expected)
    {
        var first17 = "1301231990010100" + seventeenth;
        var id = ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17));

        id.Gender.ShouldBe(expected);
    }

    [Fact]
    public void Wrong_check_character_is_rejected_and_the_message_names_the_expected_one()
    {
        ResidentId.TryParse("110105194912310021", out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull();
        error.ShouldContain("校验码");
        error.ShouldContain("应为 X");
    }

    [Fact]
    public void Parse_throws_a_domain_exception_naming_the_field()
    {
        var ex = Should.Throw<DomainException>(() => ResidentId.Parse("110105194912310021"));

        ex.Field.ShouldBe("certno");
        ex.Code.ShouldBe("invalid-resident-id");
        ex.Message.ShouldContain("公民身份号码");
    }

    [Theory]
    [InlineData("19990229")] // 1999 is not a leap year
    [InlineData("19000229")] // 1900 is not a leap year (century rule)
    [InlineData("19991301")]
    [InlineData("19990431")]
    [InlineData("19990100")]
    [InlineData("18791231")] // before the earliest accepted year
    public void Invalid_birth_dates_are_rejected_even_with_a_correct_check_character(string yyyymmdd)
    {
        var first17 = "110105" + yyyymmdd + "002";
        var text = first17 + ResidentId.CheckCharacter(first17);

        ResidentId.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull();
        error.ShouldContain("出生日期");
        error.ShouldContain(yyyymmdd);
    }

    [Fact]
    public void February_29_of_a_leap_year_is_valid()
    {
        var first17 = "11010520000229002";
        var id = ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17));

        id.BirthDate.ShouldBe(new DateOnly(2000, 2, 29));
    }

    [Fact]
    public void Fifteen_digit_number_with_invalid_date_is_rejected()
    {
        ResidentId.TryParse("110105990229002", out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain("19990229");
    }

    [Theory]
    [InlineData(null, "18 位")]
    [InlineData("", "18 位")]
    [InlineData("1101051949123100", "18 位")]
    [InlineData("11010519491231002X1", "18 位")]
    [InlineData("1101051949123100AX", "前 17 位")]
    [InlineData("11010519491231002Y", "第 18 位")]
    [InlineData("11010549123100A", "15 位旧号")]
    [InlineData("01010519491231002X", "行政区划")]
    [InlineData("010105491231002", "行政区划")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ", "前 17 位")] // full-width digits
    public void Malformed_numbers_are_rejected_with_a_message_naming_the_rule(string? text, string expectedFragment)
    {
        ResidentId.TryParse(text, out var id, out var error).ShouldBeFalse();

        id.ShouldBe(default);
        error.ShouldNotBeNull();
        error.ShouldContain("公民身份号码");
        error.ShouldContain(expectedFragment);
    }

    [Fact]
    public void Two_argument_TryParse_agrees_with_three_argument_form()
    {
        ResidentId.TryParse(StandardExample, out var a).ShouldBeTrue();
        a.Value.ShouldBe(StandardExample);
        ResidentId.TryParse("garbage", out _).ShouldBeFalse();
    }

    [Fact]
    public void CheckCharacter_requires_seventeen_digits()
    {
        Should.Throw<ArgumentException>(() => ResidentId.CheckCharacter("1101051949123100"));
        Should.Throw<ArgumentException>(() => ResidentId.CheckCharacter("1101051949123100A"));
    }

    [Fact]
    public void Create_builds_the_standard_example()
    {
        var id = ResidentId.Create("110105", new DateOnly(1949, 12, 31), 2);

        id.Value.ShouldBe(StandardExample);
    }

    [Theory]
    [InlineData("01010")]
    [InlineData("0101050")]
    [InlineData("01a105")]
    [InlineData("010105")] // leading zero: Parse would reject it, so Create must too
    public void Create_rejects_bad_division_codes(string division)
    {
        Should.Throw<ArgumentException>(() => ResidentId.Create(division, new DateOnly(1990, 1, 1), 1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Create_rejects_sequences_outside_000_to_999(int sequence)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ResidentId.Create("110105", new DateOnly(1990, 1, 1), sequence));
    }

    [Fact]
    public void Create_rejects_birth_dates_that_Parse_would_reject()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ResidentId.Create("110105", new DateOnly(1879, 12, 31), 1));
    }

    // ---- property tests ----

    private static readonly Gen<string> DivisionGen = Gen.Int[100000, 999999].Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Gen<DateOnly> BirthGen = Gen.DateOnly[new DateOnly(1880, 1, 1), new DateOnly(2099, 12, 31)];
    private static readonly Gen<int> SequenceGen = Gen.Int[0, 999];

    internal static readonly Gen<ResidentId> ValidIdGen =
        Gen.Select(DivisionGen, BirthGen, SequenceGen).Select(t => ResidentId.Create(t.Item1, t.Item2, t.Item3));

    [Fact]
    public void Property_Create_then_Parse_roundtrips_every_part()
    {
        Gen.Select(DivisionGen, BirthGen, SequenceGen).Sample((division, birth, sequence) =>
        {
            var id = ResidentId.Create(division, birth, sequence);
            var parsed = ResidentId.Parse(id.Value);

            parsed.ShouldBe(id);
            parsed.DivisionCode.ShouldBe(division);
            parsed.BirthDate.ShouldBe(birth);
            parsed.Gender.ShouldBe(sequence % 2 == 1 ? Gender.Male : Gender.Female);
            ResidentId.Parse(id.Value.ToLowerInvariant()).ShouldBe(id);
        }, iter: 5_000);
    }

    [Fact]
    public void Property_fifteen_digit_form_upgrades_to_the_created_eighteen_digit_form()
    {
        var birth1900s = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(1999, 12, 31)];
        Gen.Select(DivisionGen, birth1900s, SequenceGen).Sample((division, birth, sequence) =>
        {
            var legacy = string.Concat(
                division,
                birth.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture),
                sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));

            ResidentId.Parse(legacy).ShouldBe(ResidentId.Create(division, birth, sequence));
        }, iter: 2_000);
    }

    /// <summary>
    /// MOD 11-2 detects every single-character error: changing digit i from a to b changes the weighted sum
    /// by w_i·(b−a); 11 is prime, every weight w_i is in 1..10 and |b−a| is in 1..9, so the product is never
    /// a multiple of 11 and the computed check character changes. Changing the check character itself to any
    /// other character of 0-9X obviously mismatches. So no single substitution yields another valid number.
    /// </summary>
    [Fact]
    public void Property_changing_any_single_character_makes_the_number_invalid()
    {
        Gen.Select(ValidIdGen, Gen.Int[0, 17], Gen.Int[0, 1000]).Sample((id, position, pick) =>
        {
            var alphabet = position == 17 ? "0123456789X" : "0123456789";
            var candidates = alphabet.Replace(id.Value[position].ToString(), string.Empty, StringComparison.Ordinal);
            var chars = id.Value.ToCharArray();
            chars[position] = candidates[pick % candidates.Length];

            ResidentId.TryParse(new string(chars), out _, out var error).ShouldBeFalse();
            error.ShouldNotBeNullOrEmpty();
        }, iter: 20_000);
    }

    [Fact]
    public void Property_TryParse_never_throws_on_arbitrary_text()
    {
        Gen.String.Sample(s =>
        {
            var ok = ResidentId.TryParse(s, out var id, out var error);
            (ok ? id.Value : error).ShouldNotBeNull();
        }, iter: 5_000);

        Gen.Char["0123456789Xx "].Array[14, 19].Select(a => new string(a)).Sample(s =>
        {
            var ok = ResidentId.TryParse(s, out var id, out var error);
            (ok ? id.Value : error).ShouldNotBeNull();
        }, iter: 5_000);
    }
}
