using System.Globalization;
using CsCheck;
using Yibao.Domain.Common;

namespace Yibao.Domain.Tests.Common;

public class MoneyTests
{
    private static decimal D(string s) => decimal.Parse(s, NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("1.005", "1.01")]
    [InlineData("1.004", "1.00")]
    [InlineData("2.675", "2.68")]
    [InlineData("-1.005", "-1.01")]
    [InlineData("-0.004", "0.00")]
    [InlineData("0.125", "0.13")]
    [InlineData("12.3", "12.30")]
    public void RoundToFen_rounds_half_away_from_zero(string input, string expected)
    {
        Money.RoundToFen(D(input)).ShouldBe(D(expected));
    }

    [Theory]
    [InlineData("1234567", "123.46")]
    [InlineData("12345", "1.23")]
    [InlineData("15000", "1.50")]
    [InlineData("15050", "1.51")]
    [InlineData("-15050", "-1.51")]
    [InlineData("49.99", "0.00")]
    [InlineData("50", "0.01")]
    public void ToWanYuan_rounds_to_two_decimals(string yuan, string wan)
    {
        Money.ToWanYuan(D(yuan)).ShouldBe(D(wan));
    }

    [Theory]
    [InlineData("1234.5", "1,234.50")]
    [InlineData("1234567.891", "1,234,567.89")]
    [InlineData("0", "0.00")]
    [InlineData("0.005", "0.01")]
    [InlineData("999.995", "1,000.00")]
    [InlineData("-1234.5", "-1,234.50")]
    public void FormatYuan_uses_grouping_and_two_decimals(string yuan, string expected)
    {
        Money.FormatYuan(D(yuan)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1234567", "123.46")]
    [InlineData("12064000", "1206.40")]
    [InlineData("3131700", "313.17")]
    [InlineData("0", "0.00")]
    [InlineData("-12056600", "-1205.66")]
    public void FormatWanYuan_prints_two_decimals_without_grouping(string yuan, string expected)
    {
        Money.FormatWanYuan(D(yuan)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1", "3", "33.33")]
    [InlineData("2", "3", "66.67")]
    [InlineData("1", "8", "12.5")]
    [InlineData("1", "800", "0.13")]
    [InlineData("-1", "800", "-0.13")]
    [InlineData("1", "80000", "0.00")]
    [InlineData("5", "4", "125")]
    [InlineData("0", "7", "0")]
    public void Percent_is_rounded_to_two_decimals(string part, string whole, string expected)
    {
        Money.Percent(D(part), D(whole)).ShouldBe(D(expected));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0")]
    public void Percent_of_zero_whole_is_null(string part, string whole)
    {
        Money.Percent(D(part), D(whole)).ShouldBeNull();
    }

    [Fact]
    public void Percent_of_huge_values_does_not_overflow()
    {
        Money.Percent(decimal.MaxValue, decimal.MaxValue).ShouldBe(100m);
    }

    [Theory]
    // Examples of the brief and of 《正确填写票据和结算凭证的基本规定》.
    [InlineData("0", "零元整")]
    [InlineData("1.00", "壹元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("10.50", "壹拾元伍角")]
    [InlineData("100.05", "壹佰元零伍分")]
    [InlineData("1004.07", "壹仟零肆元零柒分")]
    [InlineData("105000", "壹拾万伍仟元整")]
    [InlineData("100000000", "壹亿元整")]
    [InlineData("1010.1", "壹仟零壹拾元壹角")]
    [InlineData("1409.50", "壹仟肆佰零玖元伍角")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元叁角贰分")]
    [InlineData("107000.53", "壹拾万柒仟元伍角叁分")]
    [InlineData("16409.02", "壹万陆仟肆佰零玖元零贰分")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("100700", "壹拾万零柒佰元整")]
    [InlineData("1000001", "壹佰万零壹元整")]
    [InlineData("10000100", "壹仟万零壹佰元整")]
    [InlineData("100001000", "壹亿零壹仟元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("110000000", "壹亿壹仟万元整")]
    [InlineData("200000000000", "贰仟亿元整")]
    [InlineData("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    [InlineData("0.5", "伍角")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.55", "伍角伍分")]
    [InlineData("0.004", "零元整")]
    [InlineData("0.005", "壹分")]
    [InlineData("2.999", "叁元整")]
    [InlineData("-1.5", "负壹元伍角")]
    [InlineData("-0.001", "零元整")]
    [InlineData("31317", "叁万壹仟叁佰壹拾柒元整")]
    public void ToChineseUppercase_follows_the_bank_rules(string amount, string expected)
    {
        Money.ToChineseUppercase(D(amount)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1000000000000")]
    [InlineData("-1000000000000")]
    [InlineData("999999999999.995")]
    public void ToChineseUppercase_rejects_amounts_beyond_qian_yi(string amount)
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => Money.ToChineseUppercase(D(amount)));
        ex.Message.ShouldContain("千亿");
    }

    [Fact]
    public void Parser_reads_the_worked_examples_back()
    {
        ChineseUppercaseParser.Parse("壹仟零肆元零柒分").ShouldBe(1004.07m);
        ChineseUppercaseParser.Parse("负壹元伍角").ShouldBe(-1.5m);
        ChineseUppercaseParser.Parse("壹亿零壹万元整").ShouldBe(100_010_000m);
        Should.Throw<FormatException>(() => ChineseUppercaseParser.Parse("拾元整"));
    }

    // ---- property tests ----

    /// <summary>Amounts with up to three decimals, so that half-分 midpoints are generated often.</summary>
    private static readonly Gen<decimal> MilliAmounts = Gen.Long[-1_000_000_000_000_000L, 1_000_000_000_000_000L].Select(l => l / 1000m);

    [Fact]
    public void Property_RoundToFen_is_idempotent_and_within_half_a_fen()
    {
        Gen.OneOf(MilliAmounts, Gen.Decimal[-1_000_000_000m, 1_000_000_000m]).Sample(x =>
        {
            var r = Money.RoundToFen(x);

            Money.RoundToFen(r).ShouldBe(r);
            Math.Abs(r - x).ShouldBeLessThanOrEqualTo(0.005m);
            (r * 100m).ShouldBe(decimal.Truncate(r * 100m));
            if (Math.Abs(r - x) == 0.005m)
            {
                Math.Abs(r).ShouldBeGreaterThan(Math.Abs(x)); // midpoints go away from zero
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Property_uppercase_reads_back_to_the_same_amount()
    {
        // Mix uniform amounts with "sparse" ones (few non-zero digits) that exercise the 零 rules.
        var uniform = Gen.Long[-99_999_999_999_999L, 99_999_999_999_999L];
        var sparse = Gen.Select(Gen.Int[0, 13], Gen.Int[1, 9], Gen.Int[0, 13], Gen.Int[0, 9])
            .Select(t => (t.Item2 * Pow10(t.Item1)) + (t.Item4 * Pow10(t.Item3)))
            .Where(cents => cents < 100_000_000_000_000L);
        Gen.OneOf(uniform, sparse).Select(cents => cents / 100m).Sample(amount =>
        {
            var text = Money.ToChineseUppercase(amount);

            ChineseUppercaseParser.Parse(text).ShouldBe(amount, text);
            text.ShouldNotContain("零零");
            if (amount != 0m)
            {
                text.ShouldNotStartWith("零");
            }

            (text.EndsWith('整') == (amount == decimal.Truncate(amount))).ShouldBeTrue(text);
        }, iter: 20_000);
    }

    [Fact]
    public void Property_uppercase_rounds_to_fen_first()
    {
        MilliAmounts.Where(x => Math.Abs(x) <= Money.MaxUppercaseAmount).Sample(x =>
        {
            Money.ToChineseUppercase(x).ShouldBe(Money.ToChineseUppercase(Money.RoundToFen(x)));
        }, iter: 2_000);
    }

    private static long Pow10(int n)
    {
        var r = 1L;
        for (var i = 0; i < n; i++)
        {
            r *= 10;
        }

        return r;
    }
}
