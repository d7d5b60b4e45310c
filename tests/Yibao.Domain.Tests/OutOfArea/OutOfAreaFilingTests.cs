using Yibao.Domain.Common;
using Yibao.Domain.OutOfArea;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Tests.OutOfArea;

public sealed class OutOfAreaFilingTests
{
    private static OutOfAreaFiling Filing(FilingType type, DateOnly begin, DateOnly? end) => new()
    {
        FilingNo = "F1", PsnNo = "P1", Insutype = "390", Type = type, PoolAreaCode = "130123", DestinationCode = "110105", DestinationName = "北京市朝阳区",
        BeginDate = begin, EndDate = end, Reason = "测试", CreatedBy = "t",
    };

    [Fact]
    public void A_valid_filing_covers_its_period_inclusive_and_a_cancelled_one_covers_nothing()
    {
        var f = Filing(FilingType.Temporary, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31));
        f.Covers(new DateOnly(2025, 2, 28)).ShouldBeFalse();
        f.Covers(new DateOnly(2025, 3, 1)).ShouldBeTrue();
        f.Covers(new DateOnly(2025, 3, 31)).ShouldBeTrue();
        f.Covers(new DateOnly(2025, 4, 1)).ShouldBeFalse();
        Filing(FilingType.LongTermResidence, new DateOnly(2025, 3, 1), null).Covers(new DateOnly(2030, 1, 1)).ShouldBeTrue();
        f.Status = FilingStatus.Cancelled;
        f.Covers(new DateOnly(2025, 3, 10)).ShouldBeFalse();
    }

    [Fact]
    public void Overlap_treats_an_open_end_as_forever_and_touching_days_as_overlap()
    {
        OutOfAreaFiling.Overlaps(new(2025, 1, 1), new(2025, 1, 31), new(2025, 1, 31), null).ShouldBeTrue();
        OutOfAreaFiling.Overlaps(new(2025, 1, 1), new(2025, 1, 31), new(2025, 2, 1), new(2025, 2, 5)).ShouldBeFalse();
        OutOfAreaFiling.Overlaps(new(2025, 1, 1), null, new(2030, 1, 1), new(2030, 1, 2)).ShouldBeTrue();
    }

    [Fact]
    public void Referral_filings_settle_on_the_referral_branch_others_on_filed()
    {
        Filing(FilingType.Referral, new(2025, 1, 1), null).SettlementPlace.ShouldBe(Place.Referral);
        Filing(FilingType.WorkingAway, new(2025, 1, 1), null).SettlementPlace.ShouldBe(Place.Filed);
    }

    [Fact]
    public void Bank_accounts_keep_only_the_last_four_digits()
    {
        Masking.BankAccount("6228480012345678901").ShouldBe("***************8901");
        Masking.BankAccount("12345678").ShouldBe("********");
        Masking.BankAccount(null).ShouldBe("");
    }
}
