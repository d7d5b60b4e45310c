using CsCheck;
using Yibao.Domain.Common;

namespace Yibao.Domain.Tests.Common;

public class AdminDivisionCodeTests
{
    [Theory]
    [InlineData("110000", AdminDivisionLevel.Province)]
    [InlineData("820000", AdminDivisionLevel.Province)]
    [InlineData("130100", AdminDivisionLevel.Prefecture)]
    [InlineData("429000", AdminDivisionLevel.Prefecture)]
    [InlineData("130123", AdminDivisionLevel.County)]
    [InlineData("110105", AdminDivisionLevel.County)]
    [InlineData("429004", AdminDivisionLevel.County)] // 省直辖县级市 (仙桃)
    [InlineData("640323", AdminDivisionLevel.County)]
    public void Parse_accepts_valid_codes_and_reports_their_level(string text, AdminDivisionLevel level)
    {
        var code = AdminDivisionCode.Parse(text);

        code.Value.ShouldBe(text);
        code.Level.ShouldBe(level);
        code.ToString().ShouldBe(text);
    }

    [Fact]
    public void County_code_has_province_and_prefecture_above_it()
    {
        var county = AdminDivisionCode.Parse("130123");

        county.ProvinceCode.ShouldBe(AdminDivisionCode.Parse("130000"));
        county.PrefectureCode.ShouldBe(AdminDivisionCode.Parse("130100"));
        county.ProvinceCode.Level.ShouldBe(AdminDivisionLevel.Province);
        county.PrefectureCode.Level.ShouldBe(AdminDivisionLevel.Prefecture);
    }

    [Fact]
    public void Province_and_prefecture_codes_are_their_own_parents_at_their_level()
    {
        var province = AdminDivisionCode.Parse("130000");
        var prefecture = AdminDivisionCode.Parse("130100");

        province.ProvinceCode.ShouldBe(province);
        province.PrefectureCode.ShouldBe(province);
        prefecture.PrefectureCode.ShouldBe(prefecture);
        prefecture.ProvinceCode.ShouldBe(province);
    }

    [Theory]
    [InlineData("130123", "130123", true)]
    [InlineData("130123", "130100", true)]
    [InlineData("130123", "130000", true)]
    [InlineData("130100", "130000", true)]
    [InlineData("130000", "130000", true)]
    [InlineData("130000", "130100", false)]
    [InlineData("130100", "130123", false)]
    [InlineData("130123", "130124", false)]
    [InlineData("130123", "130200", false)]
    [InlineData("130123", "140000", false)]
    [InlineData("131123", "130000", true)]
    public void IsWithin_follows_the_hierarchy(string inner, string outer, bool expected)
    {
        AdminDivisionCode.Parse(inner).IsWithin(AdminDivisionCode.Parse(outer)).ShouldBe(expected);
    }

    [Fact]
    public void IsWithin_is_false_for_default_values()
    {
        var code = AdminDivisionCode.Parse("130123");

        code.IsWithin(default).ShouldBeFalse();
        default(AdminDivisionCode).IsWithin(code).ShouldBeFalse();
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored()
    {
        AdminDivisionCode.Parse(" 130123 ").Value.ShouldBe("130123");
    }

    [Theory]
    [InlineData(null, "6 位数字")]
    [InlineData("", "6 位数字")]
    [InlineData("13012", "6 位数字")]
    [InlineData("1301230", "6 位数字")]
    [InlineData("13012a", "6 位数字")]
    [InlineData("１３０１２３", "6 位数字")] // full-width digits
    [InlineData("000000", "省级代码")]
    [InlineData("010000", "省级代码")]
    [InlineData("100000", "省级代码")]
    [InlineData("160000", "省级代码")]
    [InlineData("550000", "省级代码")]
    [InlineData("830000", "省级代码")]
    [InlineData("900000", "省级代码")]
    [InlineData("990000", "省级代码")]
    [InlineData("130001", "第 3–4 位为 00")]
    public void Invalid_codes_are_rejected_with_a_message_naming_the_rule(string? text, string fragment)
    {
        AdminDivisionCode.TryParse(text, out var code, out var error).ShouldBeFalse();

        code.ShouldBe(default);
        error.ShouldNotBeNull();
        error.ShouldContain("行政区划代码");
        error.ShouldContain(fragment);
    }

    [Fact]
    public void Parse_throws_a_domain_exception_with_field_and_code()
    {
        var ex = Should.Throw<DomainException>(() => AdminDivisionCode.Parse("12345"));

        ex.Field.ShouldBe("admdvs");
        ex.Code.ShouldBe("invalid-admdvs");
        ex.Message.ShouldContain("行政区划代码应为 6 位数字");
    }

    [Fact]
    public void Two_argument_TryParse_works()
    {
        AdminDivisionCode.TryParse("130123", out var code).ShouldBeTrue();
        code.Value.ShouldBe("130123");
        AdminDivisionCode.TryParse("x", out _).ShouldBeFalse();
    }

    private static readonly int[] Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    private static readonly Gen<string> ValidCodeGen =
        Gen.Select(Gen.Int[0, Provinces.Length - 1], Gen.Int[0, 99], Gen.Int[0, 99])
            .Where(t => t.Item2 != 0 || t.Item3 == 0)
            .Select(t => string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{Provinces[t.Item1]:D2}{t.Item2:D2}{t.Item3:D2}"));

    [Fact]
    public void Property_valid_codes_lie_within_their_own_parents()
    {
        ValidCodeGen.Sample(text =>
        {
            var code = AdminDivisionCode.Parse(text);

            code.IsWithin(code).ShouldBeTrue();
            code.IsWithin(code.ProvinceCode).ShouldBeTrue();
            code.IsWithin(code.PrefectureCode).ShouldBeTrue();
            code.PrefectureCode.IsWithin(code.ProvinceCode).ShouldBeTrue();
            code.ProvinceCode.Value[..2].ShouldBe(text[..2]);
            code.ProvinceCode.Level.ShouldBe(AdminDivisionLevel.Province);
        }, iter: 5_000);
    }

    [Fact]
    public void Property_every_six_digit_string_parses_exactly_when_the_rules_hold()
    {
        Gen.Int[0, 999_999].Sample(n =>
        {
            var text = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var province = n / 10_000;
            var expected = Array.IndexOf(Provinces, province) >= 0 && (text[2..4] != "00" || text[4..] == "00");

            AdminDivisionCode.TryParse(text, out _).ShouldBe(expected);
        }, iter: 20_000);
    }
}
