using CsCheck;
using Yibao.Domain.Accounts;
using Yibao.Domain.Common;

namespace Yibao.Domain.Tests.Accounts;

public sealed class PersonalAccountTests
{
    private static readonly DateOnly D = new(2026, 1, 1);

    [Fact]
    public void Credits_payments_sharing_interest_and_refund()
    {
        var a = new PersonalAccount(1);
        a.Credit(D, 150.00m, "1 月划入");
        a.Pay(D.AddDays(3), 40.50m, "药店购药");
        a.ShareWithFamily(D.AddDays(4), 9.50m, 2, "为配偶支付");
        Should.Throw<DomainException>(() => a.Pay(D.AddDays(5), 100.01m, "门诊")).Message.ShouldBe("个人账户：余额 100.00 元不足，不能支出 100.01 元");
        a.AddInterest(new DateOnly(2026, 12, 31), 0.015m)!.Amount.ShouldBe(1.50m);
        a.Balance.ShouldBe(101.50m);
        a.Refund(new DateOnly(2027, 1, 5), "死亡").Amount.ShouldBe(-101.50m);
        a.Balance.ShouldBe(0m);
        Should.Throw<DomainException>(() => a.Credit(new DateOnly(2027, 2, 1), 10m, "x")).Code.ShouldBe("account-closed");
        Should.Throw<DomainException>(() => new PersonalAccount(1).ShareWithFamily(D, 1m, 1, "x")).Code.ShouldBe("share-with-self");
    }

    [Fact]
    public void Credit_rule_rounds_half_away_from_zero()
    {
        new AccountCreditRule(1m, 100m, 0.015m).InServiceMonthly(80.125m).ShouldBe(80.13m);
    }

    /// <summary>Whatever sequence of movements is tried, the balance equals the sum of accepted entries and never goes negative.</summary>
    [Fact]
    public void Property_balance_is_derived_from_entries_and_never_negative()
    {
        var op = Gen.Select(Gen.Int[0, 3], Gen.Int[1, 50_000]);
        op.Array[1, 40].Sample(ops =>
        {
            var a = new PersonalAccount(1);
            var day = D;
            foreach (var (kind, cents) in ops)
            {
                var amount = cents / 100m;
                day = day.AddDays(1);
                try
                {
                    _ = kind switch
                    {
                        0 => a.Credit(day, amount, "划入"),
                        1 => a.Pay(day, amount, "支付"),
                        2 => a.ShareWithFamily(day, amount, 2, "共济"),
                        _ => a.AddInterest(day, 0.015m),
                    };
                }
                catch (DomainException ex)
                {
                    ex.Code.ShouldBe("insufficient-balance");
                }

                a.Balance.ShouldBeGreaterThanOrEqualTo(0m);
                a.Balance.ShouldBe(a.Entries.Sum(e => e.Amount));
            }

            new PersonalAccount(1, a.Entries).Balance.ShouldBe(a.Balance);
        });
    }
}
