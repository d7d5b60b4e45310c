using Yibao.Domain.Accounts;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;
using Yibao.Domain.Tests.Settlement;

namespace Yibao.Domain.Tests.Accounts;

/// <summary>个人账户支付 in the calculator: the account 险种 (家庭共济) decides the rule; 支付冲回 restores a payment.</summary>
public sealed class AccountPaymentRuleTests
{
    private static readonly DateOnly Visit = new(2025, 6, 10);

    private static SettlementResult Settle(PersonSnapshot p) =>
        Fixtures.Calculator.Calculate(p, Fixtures.Outpatient(InstitutionLevel.First, Visit),
            [Fixtures.Line("XJ01CAA040A001010100001", 4, 12.5m), Fixtures.Line("UNKNOWN-ITEM", 1, 10m)], Fixtures.Calculator.NewAccumulators());

    [Fact]
    public void A_resident_pays_from_an_employee_account_only_when_the_account_insutype_is_given()
    {
        var resident = Fixtures.Resident();
        var own = Settle(new PersonSnapshot { PsnNo = "R1", Insutypes = resident.Insutypes, Category = resident.Category, Age = 45, AccountBalance = 500m });
        own.Setl.AcctPay.ShouldBe(0m); // the sample policy has no account rule for 390

        var shared = Settle(new PersonSnapshot { PsnNo = "R1", Insutypes = resident.Insutypes, Category = resident.Category, Age = 45, AccountBalance = 500m, AccountInsutype = "310" });
        shared.Setl.AcctPay.ShouldBeGreaterThan(0m);
        shared.Setl.AcctPay.ShouldBe(shared.Setl.PsnPartAmt - shared.Setl.FulamtOwnpayAmt - shared.Setl.OverlmtSelfpay);
        shared.Setl.PsnCashPay.ShouldBe(shared.Setl.PsnPartAmt - shared.Setl.AcctPay);

        var short_ = Settle(new PersonSnapshot { PsnNo = "R1", Insutypes = resident.Insutypes, Category = resident.Category, Age = 45, AccountBalance = 1.23m, AccountInsutype = "310" });
        short_.Setl.AcctPay.ShouldBe(1.23m);
    }

    [Fact]
    public void Payment_reversal_restores_the_balance_and_is_refused_on_a_closed_account()
    {
        var a = new PersonalAccount(1);
        var d = new DateOnly(2026, 1, 1);
        a.Credit(d, 100m, "划入");
        a.ShareWithFamily(d.AddDays(1), 30m, 2, "家庭共济");
        var back = a.ReversePayment(d.AddDays(2), 30m, "撤销结算冲回", 2);
        back.Kind.ShouldBe(AccountEntryKind.PaymentReversal);
        back.CounterpartPersonId.ShouldBe(2);
        a.Balance.ShouldBe(100m);
        Should.Throw<DomainException>(() => a.ReversePayment(d.AddDays(2), 0m, "x")).Code.ShouldBe("non-positive-amount");
        a.Refund(d.AddDays(3), "死亡");
        Should.Throw<DomainException>(() => a.ReversePayment(d.AddDays(4), 1m, "x")).Code.ShouldBe("account-closed");
    }
}
