using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Application.Supervision;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Supervision;

/// <summary>部分缴纳 until 已缴清, 申诉改判 reversing an outcome's entries, and 暂停到期自动恢复 — on both engines.</summary>
public sealed class OutcomePaymentAppealExpiryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Today = new(2026, 3, 2); // TestDatabase clock, China time

    private static Task<AppResult<T>> Run<T, THandler>(TestDatabase db, Func<THandler, Task<AppResult<T>>> call) where THandler : notnull =>
        db.InScopeAsync(sp => call(sp.GetRequiredService<THandler>()));

    private static string Errors<T>(AppResult<T> r) => string.Join("；", r.Errors.Select(e => e.Message));

    private static Task<List<JournalLine>> LinesAsync(TestDatabase db, long institutionId) =>
        db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().Where(l => l.InstitutionId == institutionId).ToListAsync());

    private static decimal Net(IEnumerable<JournalLine> lines, string account) => lines.Where(l => l.AccountCode == account).Sum(l => l.Debit - l.Credit);

    private static async Task<SupervisionCase> DecidedCaseAsync(TestDatabase db, string institutionCode, DecideCase decision)
    {
        var opened = await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.Manual, "来文-" + institutionCode, institutionCode, "虚记费用",
            FundCode.ResidentPool, 0m, Today.AddDays(-5))));
        opened.Succeeded.ShouldBeTrue(Errors(opened));
        var id = opened.Value!.Id;
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(id, CaseAction.File, Today.AddDays(-4), "线索属实")))).Succeeded.ShouldBeTrue();
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(id, CaseAction.Investigate, Today.AddDays(-3), "调取病历")))).Succeeded.ShouldBeTrue();
        var decided = await Run<SupervisionCase, DecideCaseHandler>(db, h => h.HandleAsync(decision with { CaseId = id }));
        decided.Succeeded.ShouldBeTrue(Errors(decided));
        return decided.Value!;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Partial_payments_settle_an_outcome_an_appeal_reverses_one_and_suspensions_lift_at_their_end(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var a = await DecidedCaseAsync(db, s.A.FixmedinsCode,
            new DecideCase(0, Today.AddDays(-2), "示医保稽〔2026〕5号", "串换药品属实", 1000m, 2m, Today.AddDays(-2), Today.AddDays(5)));
        var b = await DecidedCaseAsync(db, s.B.FixmedinsCode,
            new DecideCase(0, Today.AddDays(-2), "示医保稽〔2026〕6号", "挂床住院", 0m, null, Today.AddDays(-2), Today.AddDays(30)));
        var recovery = a.Outcomes.Single(o => o.Kind == OutcomeKind.Recovery);
        var penalty = a.Outcomes.Single(o => o.Kind == OutcomeKind.Penalty);
        penalty.Amount.ShouldBe(2000m);

        // 部分缴纳: bad amounts are refused in Chinese; two payments settle the recovery, each with a balanced entry.
        Task<AppResult<CaseOutcome>> Pay(long id, string no, decimal? amount = null) =>
            Run<CaseOutcome, RecordOutcomePaymentHandler>(db, h => h.HandleAsync(new RecordOutcomePayment(id, Today, no, amount)));
        (await Pay(recovery.Id, "JK-0", 0m)).Errors.Single().Message.ShouldBe("缴款金额：必须大于 0");
        (await Pay(recovery.Id, "JK-0", 1.234m)).Errors.Single().Message.ShouldBe("缴款金额：最多两位小数（分）");
        var first = await Pay(recovery.Id, "JK-1", 300m);
        first.Succeeded.ShouldBeTrue(Errors(first));
        (first.Value!.PaymentStatus, first.Value.Paid, first.Value.Outstanding, first.Value.PaidOn).ShouldBe(("部分缴纳", 300m, 700m, (DateOnly?)null));
        (await Pay(recovery.Id, "JK-2", 800m)).Errors.Single().Message.ShouldBe("缴款金额：800.00 元超过未缴金额 700.00 元");
        (await Pay(recovery.Id, "JK-1", 100m)).Errors.Single().Code.ShouldBe(SupervisionErrors.DuplicateNo);
        var second = await Pay(recovery.Id, "JK-2");
        (second.Value!.PaymentStatus, second.Value.Paid, second.Value.PaidOn, second.Value.PaymentNo).ShouldBe(("已缴清", 1000m, (DateOnly?)Today, "JK-2"));
        (await Pay(recovery.Id, "JK-3", 1m)).Errors.Single().Code.ShouldBe("already-paid");
        var payments = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().OutcomePayments.AsNoTracking().Where(p => p.OutcomeId == recovery.Id).OrderBy(p => p.Id).ToListAsync());
        payments.Select(p => (p.PaymentNo, p.Amount)).ShouldBe([("JK-1", 300m), ("JK-2", 700m)]);
        payments.Select(p => p.JournalEntryId).Distinct().Count().ShouldBe(2);
        var lines = await LinesAsync(db, s.A.InstitutionId);
        Net(lines, LedgerAccounts.BankIncome).ShouldBe(1000m);
        Net(lines, LedgerAccounts.SupervisionReceivable).ShouldBe(2000m); // the penalty is still owed
        await AssertLedgerBalancedAsync(db);

        // The penalty is part paid; the case cannot close while money is owed.
        (await Pay(penalty.Id, "JK-4", 500m)).Value!.PaymentStatus.ShouldBe("部分缴纳");
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(a.Id, CaseAction.Close, Today, "执行完毕")))).Errors.Single().Code.ShouldBe("outcomes-unpaid");

        // 申诉改判: the penalty is overturned — its receivable reversed and the 500 paid refunded, by new entries.
        Task<AppResult<CaseOutcome>> Reverse(long id, string reason) => Run<CaseOutcome, ReverseOutcomeHandler>(db, h => h.HandleAsync(new ReverseOutcome(id, Today, reason)));
        (await Reverse(penalty.Id, " ")).Errors.Single().Message.ShouldBe("改判理由：不能为空（写明申诉或复议决定）");
        var entriesBefore = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync());
        var reversed = await Reverse(penalty.Id, "复议决定撤销违约金（示医保复〔2026〕1号）");
        reversed.Succeeded.ShouldBeTrue(Errors(reversed));
        (reversed.Value!.PaymentStatus, reversed.Value.Outstanding, reversed.Value.ReversedOn).ShouldBe(("已撤销（申诉改判）", 0m, (DateOnly?)Today));
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(entriesBefore + 1);
        lines = await LinesAsync(db, s.A.InstitutionId);
        Net(lines, LedgerAccounts.SupervisionReceivable).ShouldBe(0m);
        Net(lines, LedgerAccounts.PenaltyIncome).ShouldBe(0m);
        Net(lines, LedgerAccounts.BankIncome).ShouldBe(1000m);
        Net(lines, LedgerAccounts.BenefitExpense).ShouldBe(-1000m); // the recovery stands
        await AssertLedgerBalancedAsync(db);
        (await Reverse(penalty.Id, "再次")).Errors.Single().Code.ShouldBe("outcome-reversed");
        (await Pay(penalty.Id, "JK-5", 1m)).Errors.Single().Code.ShouldBe("outcome-reversed");
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(a.Id, CaseAction.Close, Today, "追回款已缴清，违约金经复议撤销")))).Succeeded.ShouldBeTrue();

        // Both institutions are suspended; nothing has ended yet, so the expiry job lifts nothing.
        Task<AppResult<IReadOnlyList<LiftedSuspension>>> LiftExpired() => Run<IReadOnlyList<LiftedSuspension>, LiftExpiredSuspensionsHandler>(db, h => h.HandleAsync(new LiftExpiredSuspensions()));
        (await LiftExpired()).Value!.ShouldBeEmpty();
        Task<AgreementStatus> StatusOf(long id) => db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Institutions.AsNoTracking().Where(i => i.Id == id).Select(i => i.Status).SingleAsync());
        (await StatusOf(s.A.InstitutionId)).ShouldBe(AgreementStatus.Suspended);

        // Six days later A's suspension (to Today+5) has ended: lifted on the day after its end, A settles again; B's is still in force.
        db.Clock.Advance(TimeSpan.FromDays(6));
        var lifted = (await LiftExpired()).Value!;
        lifted.Select(x => (x.InstitutionCode, x.LiftedOn)).ShouldBe([(s.A.FixmedinsCode, Today.AddDays(6))]);
        (await StatusOf(s.A.InstitutionId)).ShouldBe(AgreementStatus.Active);
        (await StatusOf(s.B.InstitutionId)).ShouldBe(AgreementStatus.Suspended);
        (await LiftExpired()).Value!.ShouldBeEmpty();
        var visit = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(s.A, new RegisterOutpatient(s.PsnNo, "390", "11", Visit)));
        visit.Succeeded.ShouldBeTrue(Errors(visit));

        // B's suspension overturned on appeal: lifted at once.
        var bSuspension = b.Outcomes.Single(o => o.Kind == OutcomeKind.InstitutionSuspension);
        (await Reverse(bSuspension.Id, "申诉成立")).Value!.LiftedOn.ShouldBe(Today);
        (await StatusOf(s.B.InstitutionId)).ShouldBe(AgreementStatus.Active);

        // The annual summary counts what stands: the recovery, paid in two parts; no penalty; one suspension (A's).
        var sum = await db.InScopeAsync(sp => sp.GetRequiredService<GetSupervisionSummaryHandler>().HandleAsync(new GetSupervisionSummary(2026)));
        (sum.Recovered, sum.Penalty, sum.Paid, sum.InstitutionsSuspended).ShouldBe((1000m, 0m, 1000m, 1));
    }
}
