using CsCheck;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;

namespace Yibao.Domain.Tests.Funds;

public sealed class LedgerTests
{
    private static readonly DateOnly D = new(2026, 1, 15);

    [Fact]
    public void Unbalanced_entries_are_refused_per_fund()
    {
        var ex = Should.Throw<DomainException>(() => JournalEntry.Create(D, "居民缴费", "t", "1",
        [
            JournalLine.Dr(FundCode.ResidentPool, LedgerAccounts.BankIncome, 380m),
            JournalLine.Cr(FundCode.MedicalAssistance, LedgerAccounts.ContributionIncome, 380m),
        ]));
        ex.Message.ShouldBe("分录：居民医保基金借方合计 380.00 元与贷方合计 0.00 元不相等，借贷必须相等");
        Should.Throw<DomainException>(() => JournalEntry.Create(D, "x", "t", "1",
            [JournalLine.Dr(FundCode.ResidentPool, "1002", 1.005m), JournalLine.Cr(FundCode.ResidentPool, "4001", 1.005m)])).Code.ShouldBe("amount-precision");
        Should.Throw<DomainException>(() => JournalEntry.Create(D, "x", "t", "1",
            [JournalLine.Dr(FundCode.ResidentPool, "1002", -1m), JournalLine.Cr(FundCode.ResidentPool, "4001", -1m)])).Code.ShouldBe("line-one-side");
    }

    /// <summary>Any entry built from balanced pairs is accepted, and the entry plus its reversal net to zero on every account.</summary>
    [Fact]
    public void Property_entries_balance_and_reversals_cancel()
    {
        var pair = Gen.Select(Gen.Int[1, 4], Gen.Int[1, 10_000_000]);
        pair.Array[1, 6].Sample(pairs =>
        {
            var lines = pairs.SelectMany(p => new[]
            {
                JournalLine.Dr((FundCode)p.Item1, LedgerAccounts.BankIncome, p.Item2 / 100m),
                JournalLine.Cr((FundCode)p.Item1, LedgerAccounts.ContributionIncome, p.Item2 / 100m),
            });
            var entry = JournalEntry.Create(D, "收款", "t", "1", lines);
            entry.Id = 9;
            var reversal = entry.Reverse(D.AddDays(1), "错账");
            reversal.ReversesEntryId.ShouldBe(9);
            foreach (var g in entry.Lines.Concat(reversal.Lines).GroupBy(l => (l.Fund, l.AccountCode)))
            {
                g.Sum(l => l.Debit - l.Credit).ShouldBe(0m);
            }

            Should.Throw<DomainException>(() => reversal.Reverse(D, "x")).Code.ShouldBe("reverse-of-reversal");
        });
    }
}
