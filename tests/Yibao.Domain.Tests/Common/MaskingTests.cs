using CsCheck;
using Yibao.Domain.Common;

namespace Yibao.Domain.Tests.Common;

public class MaskingTests
{
    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("11010519491231002x", "110105********002x")]
    [InlineData("110105491231002", "110105*****1002")]
    [InlineData("1101051949123100", "****************")]
    [InlineData("11010519491231002Y", "******************")]
    [InlineData("abc", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void ResidentId_keeps_first_six_and_last_four(string? input, string expected)
    {
        Masking.ResidentId(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138 1234 5678", "138 **** 5678")]
    [InlineData("+86 138 1234 5678", "+86 138 **** 5678")]
    [InlineData("8613812345678", "86138****5678")]
    [InlineData("0571-87654321", "****-****4321")]
    [InlineData("(0311)8765432", "(****)***5432")]
    [InlineData("87654321", "****4321")]
    [InlineData("12345", "*****")]
    [InlineData("abc", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phone_masks_mobiles_and_landlines(string? input, string expected)
    {
        Masking.Phone(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张**")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("欧阳修", "欧阳*")]
    [InlineData("欧阳", "欧*")]
    [InlineData("诸葛亮", "诸葛*")]
    [InlineData("王", "*")]
    [InlineData("阿依古丽·买买提", "阿***·***")]
    [InlineData("𠮷野家", "𠮷**")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Name_keeps_the_surname(string? input, string expected)
    {
        Masking.Name(input).ShouldBe(expected);
    }

    [Fact]
    public void Property_masked_resident_id_never_reveals_the_middle()
    {
        ResidentIdTests.ValidIdGen.Sample(id =>
        {
            var masked = Masking.ResidentId(id.Value);

            masked.Length.ShouldBe(18);
            masked[..6].ShouldBe(id.Value[..6]);
            masked[^4..].ShouldBe(id.Value[^4..]);
            masked[6..14].ShouldBe("********");

            var legacy = id.Value[..6] + id.Value[8..17];
            var maskedLegacy = Masking.ResidentId(legacy);
            maskedLegacy[6..11].ShouldBe("*****");
            maskedLegacy[^4..].ShouldBe(legacy[^4..]);
        }, iter: 5_000);
    }

    [Fact]
    public void Property_masking_never_throws_and_keeps_length()
    {
        Gen.String.Sample(s =>
        {
            Masking.ResidentId(s).Length.ShouldBe(s.Length);
            Masking.Phone(s).Length.ShouldBe(s.Length);
            Masking.Name(s).ShouldNotBeNull();
        }, iter: 5_000);
    }

    [Fact]
    public void Property_masked_mobile_never_reveals_the_middle_four_digits()
    {
        Gen.Long[13_000_000_000L, 19_999_999_999L].Sample(n =>
        {
            var phone = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var masked = Masking.Phone(phone);

            masked.ShouldBe(phone[..3] + "****" + phone[^4..]);
        }, iter: 2_000);
    }
}
