using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Application.Tests.OutOfArea;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

/// <summary>撤销已审核（已支付）的手工报销: reversing entry with 应收个人退回, accumulators restored exactly, 退回到账 by 财务.</summary>
public sealed class ManualReimbursementReversalTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static EnterManualReimbursement Bill(string psnNo, string invoice, DateOnly begin, decimal bed = 300m) => new(
        psnNo, "390", "21", "北京朝阳医院", OutOfAreaFilingTests.Away, 3, begin, begin.AddDays(10), "I10", "高血压", null, invoice, bed + 3050m,
        [
            new ManualLineInput("001102000010000", "普通床位费（三人间）", 10, bed / 10, bed),
            new ManualLineInput("XJ01CAA040A001010100001", "阿莫西林胶囊", 4, 12.5m, 50m),
            new ManualLineInput("002503010010000", "血细胞分析（血常规）", 20, 150m, 3000m),
        ],
        "王五", "中国农业银行示范县支行", "6228480012345678901");

    private static async Task<ManualReimbursement> ApprovedAsync(TestDatabase db, string psn, string invoice, DateOnly begin, decimal bed = 300m)
    {
        db.User.UserId = "clerk-1";
        db.User.UserName = "clerk";
        var entered = await db.InScopeAsync(sp => sp.GetRequiredService<EnterManualReimbursementHandler>().HandleAsync(Bill(psn, invoice, begin, bed)));
        entered.Succeeded.ShouldBeTrue(string.Join("；", entered.Errors.Select(e => e.Message)));
        db.User.UserId = "reviewer-1";
        db.User.UserName = "reviewer";
        var approved = await db.InScopeAsync(sp => sp.GetRequiredService<ReviewManualReimbursementHandler>().HandleAsync(new ReviewManualReimbursement(entered.Value!.Id, true)));
        approved.Succeeded.ShouldBeTrue(string.Join("；", approved.Errors.Select(e => e.Message)));
        return approved.Value!;
    }

    private static Task<Yibao.Application.Common.AppResult<ManualReimbursement>> ReverseAsync(TestDatabase db, long id, string reason) =>
        db.InScopeAsync(sp => sp.GetRequiredService<ReverseManualReimbursementHandler>().HandleAsync(new ReverseManualReimbursement(id, reason)));

    private static Task<Dictionary<string, decimal>> AccumulatorsAsync(TestDatabase db, long personId) =>
        db.InScopeAsync(async sp => OnlineSettlement.ReadAccumulators(
            (await sp.GetRequiredService<AppDbContext>().PersonAccumulators.AsNoTracking().SingleAsync(a => a.PersonId == personId && a.Year == 2025)).ValuesJson));

    private static Task<List<JournalLine>> LinesAsync(TestDatabase db) =>
        db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().ToListAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reversal_credits_the_benefit_expense_records_what_the_person_owes_and_restores_the_accumulators_exactly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var (psn, personId) = await OutOfAreaFilingTests.PersonAsync(db);
        var first = await ApprovedAsync(db, psn, "INV-A", new DateOnly(2025, 3, 1));
        var second = await ApprovedAsync(db, psn, "INV-B", new DateOnly(2025, 5, 1), bed: 600m);
        first.FundPaySumamt.ShouldBeGreaterThan(0m);
        var beforeReversal = await AccumulatorsAsync(db, personId);

        // Refused: no reason; a pending one (驳回 is the way); then the reversal of the first, done by a 审核员.
        (await ReverseAsync(db, first.Id, "  ")).Errors.Single().Field.ShouldBe("reason");
        db.User.UserId = "clerk-1";
        var pending = await db.InScopeAsync(sp => sp.GetRequiredService<EnterManualReimbursementHandler>().HandleAsync(Bill(psn, "INV-C", new DateOnly(2025, 7, 1))));
        db.User.UserId = "reviewer-2";
        db.User.UserName = "reviewer2";
        var notApproved = await ReverseAsync(db, pending.Value!.Id, "重复报销");
        notApproved.Errors.Single().Code.ShouldBe(ReimbursementReversal.NotApproved);
        notApproved.Errors.Single().Message.ShouldContain("驳回");

        var reversed = await ReverseAsync(db, first.Id, "发票已在就医地联网结算，重复报销");
        reversed.Succeeded.ShouldBeTrue(string.Join("；", reversed.Errors.Select(e => e.Message)));
        reversed.Value!.Status.ShouldBe(ReimbursementStatus.Reversed);
        reversed.Value.ReversedBy.ShouldBe("reviewer2");
        reversed.Value.ReversalReason.ShouldBe("发票已在就医地联网结算，重复报销");
        reversed.Value.AmountOwedBack.ShouldBe(first.FundPaySumamt + first.AcctPay);
        (await ReverseAsync(db, first.Id, "再撤销")).Errors.Single().Code.ShouldBe(ReimbursementReversal.NotApproved);

        // Accumulators: exactly the second reimbursement's effect remains (current − (after − before) of the first).
        var firstBefore = OnlineSettlement.ReadAccumulators(first.AccumulatorsBeforeJson!);
        var firstAfter = OnlineSettlement.ReadAccumulators(first.AccumulatorsAfterJson!);
        var now = await AccumulatorsAsync(db, personId);
        foreach (var key in beforeReversal.Keys)
        {
            now.GetValueOrDefault(key).ShouldBe(beforeReversal[key] - (firstAfter.GetValueOrDefault(key) - firstBefore.GetValueOrDefault(key)), key);
        }

        var secondDelta = OnlineSettlement.ReadAccumulators(second.AccumulatorsAfterJson!);
        foreach (var (key, value) in OnlineSettlement.ReadAccumulators(second.AccumulatorsBeforeJson!))
        {
            secondDelta[key] = secondDelta.GetValueOrDefault(key) - value;
        }

        foreach (var key in now.Keys)
        {
            now[key].ShouldBe(secondDelta.GetValueOrDefault(key), key); // the first never happened as far as the year's totals go
        }

        // Ledger: nothing deleted, every fund balances, the first's expense is back to zero, the person owes its fund part.
        var lines = await LinesAsync(db);
        foreach (var fund in lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit));
        }

        var entries = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.AsNoTracking().Where(e => e.SourceId == first.ReimbNo).ToListAsync());
        entries.Count.ShouldBe(2);
        var reversal = entries.Single(e => e.SourceType == ReimbursementReversal.SourceType);
        reversal.ReversesEntryId.ShouldBe(first.JournalEntryId);
        var mine = lines.Where(l => entries.Any(e => e.Id == l.JournalEntryId)).ToList();
        (mine.Where(l => l.AccountCode == LedgerAccounts.BenefitExpense).Sum(l => l.Debit) - mine.Where(l => l.AccountCode == LedgerAccounts.BenefitExpense).Sum(l => l.Credit)).ShouldBe(0m);
        lines.Where(l => l.AccountCode == LedgerAccounts.PersonRefundReceivable && l.PersonId == personId).Sum(l => l.Debit - l.Credit).ShouldBe(first.FundPaySumamt);

        // The reviewer and the reason are in the audit trail.
        var audit = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(ManualReimbursement) && a.UserName == "reviewer2").ToListAsync());
        audit.ShouldContain(a => (a.After ?? "").Contains("发票已在就医地联网结算"));

        // 退回到账 (财务) clears the receivable once.
        var refund = await db.InScopeAsync(sp => sp.GetRequiredService<RecordReimbursementRefundHandler>().HandleAsync(new RecordReimbursementRefund(first.Id, new DateOnly(2025, 6, 1))));
        refund.Succeeded.ShouldBeTrue(string.Join("；", refund.Errors.Select(e => e.Message)));
        refund.Value!.AmountOwedBack.ShouldBe(0m);
        var again = await db.InScopeAsync(sp => sp.GetRequiredService<RecordReimbursementRefundHandler>().HandleAsync(new RecordReimbursementRefund(first.Id, new DateOnly(2025, 6, 1))));
        again.Errors.Single().Code.ShouldBe(ReimbursementReversal.AlreadyRefunded);
        (await db.InScopeAsync(sp => sp.GetRequiredService<RecordReimbursementRefundHandler>().HandleAsync(new RecordReimbursementRefund(second.Id, new DateOnly(2025, 6, 1)))))
            .Errors.Single().Code.ShouldBe(ReimbursementReversal.NotReversed);
        lines = await LinesAsync(db);
        lines.Where(l => l.AccountCode == LedgerAccounts.PersonRefundReceivable).Sum(l => l.Debit - l.Credit).ShouldBe(0m);
        lines.Where(l => l.AccountCode == LedgerAccounts.BankIncome).Sum(l => l.Debit).ShouldBe(first.FundPaySumamt);
    }
}
