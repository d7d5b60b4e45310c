using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Funds;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Funds;

/// <summary>月结算单 as stored documents: generation after the month, frozen figures, 拨付 against them, 跨月撤销调整, concurrency.</summary>
public sealed class StoredStatementTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static Task<Yibao.Application.Common.AppResult<GeneratedStatements>> GenerateAsync(TestDatabase db, int year, int month, string? institution = null) =>
        db.InScopeAsync(sp => sp.GetRequiredService<GenerateStatementsHandler>().HandleAsync(new GenerateStatements(year, month, institution)));

    private static Task<Yibao.Application.Common.AppResult<Disbursement>> PayAsync(TestDatabase db, string institution, int year, int month, FundCode fund, decimal amount, string no) =>
        db.InScopeAsync(sp => sp.GetRequiredService<RecordDisbursementHandler>().HandleAsync(new RecordDisbursement(institution, year, month, fund, amount, DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime.AddHours(8)), no)));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_generated_statement_is_frozen_paid_against_its_amounts_and_a_later_cancellation_goes_into_the_next_month(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var kept = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 40, 12.5m));
        var later = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 8, 12.5m));
        await SettleAsync(db, s.B, s.PsnNo, Line("1", Amoxicillin, 6, 12.5m));
        var owedA = kept.Setlinfo["fund_pay_sumamt"] + kept.Setlinfo["acct_pay"] + later.Setlinfo["fund_pay_sumamt"] + later.Setlinfo["acct_pay"];

        // March is not over on 2 March: refused in Chinese, nothing stored.
        var early = await GenerateAsync(db, 2026, 3);
        early.Errors.Single().Code.ShouldBe("month-not-ended");
        early.Errors.Single().Message.ShouldContain("尚未结束");
        (await GenerateAsync(db, 2026, 13)).Errors.Single().Field.ShouldBe("month");

        db.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero));
        (await GenerateAsync(db, 2026, 3, "NOPE")).Errors.Single().Code.ShouldBe(SettlementErrors.InstitutionNotFound);
        db.User.UserName = "finance1";
        var march = await GenerateAsync(db, 2026, 3);
        march.Succeeded.ShouldBeTrue(string.Join("；", march.Errors.Select(e => e.Message)));
        march.Value!.Generated.Count.ShouldBe(2); // A and B, both with settlements in March
        var a = march.Value.Generated.Single(x => x.FixmedinsCode == s.A.FixmedinsCode);
        a.StatementNo.ShouldBe($"JS202603-{s.A.FixmedinsCode}");
        a.StatusName.ShouldBe("已生成");
        a.SettledCount.ShouldBe(2);
        a.TotalOwed.ShouldBe(owedA);
        a.Fields["medfee_sumamt"].ShouldBe(kept.Setlinfo["medfee_sumamt"] + later.Setlinfo["medfee_sumamt"]);
        a.GeneratedBy.ShouldBe("finance1");
        var again = await GenerateAsync(db, 2026, 3, s.A.FixmedinsCode);
        again.Value!.Generated.ShouldBeEmpty();
        again.Value.AlreadyGenerated.Single().StatementNo.ShouldBe(a.StatementNo);

        // A settlement of March cancelled in April: March's statement does not change.
        (await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement(later.SetlId!, "重复结算")))).Succeeded.ShouldBeTrue();
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<ListStoredStatementsHandler>().HandleAsync(new ListStoredStatements(2026, 3, (long?)null)));
        stored.Single(x => x.FixmedinsCode == s.A.FixmedinsCode).TotalOwed.ShouldBe(owedA);

        // 拨付 is against the frozen amounts: more is refused, the exact amount pays it and the statement is 已拨付.
        var fund = a.Funds.Single();
        (await PayAsync(db, s.A.FixmedinsCode, 2026, 3, fund.Fund, fund.Owed + 0.01m, "BF-1")).Errors.Single().Code.ShouldBe("over-disbursement");
        var paid = await PayAsync(db, s.A.FixmedinsCode, 2026, 3, fund.Fund, fund.Owed, "BF-2");
        paid.Succeeded.ShouldBeTrue(string.Join("；", paid.Errors.Select(e => e.Message)));
        var afterPay = (await db.InScopeAsync(sp => sp.GetRequiredService<ListStoredStatementsHandler>().HandleAsync(new ListStoredStatements(2026, 3, (long?)null)))).Single(x => x.FixmedinsCode == s.A.FixmedinsCode);
        afterPay.StatusName.ShouldBe("已拨付");
        afterPay.TotalDisbursed.ShouldBe(owedA);
        (await PayAsync(db, s.A.FixmedinsCode, 2026, 3, fund.Fund, 1m, "BF-3")).Errors.Single().Code.ShouldBe("nothing-owed");

        // April's statement carries the cancellation as a 跨月撤销调整: the institution owes it back.
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 3, 1, 0, 0, TimeSpan.Zero));
        var april = await GenerateAsync(db, 2026, 4);
        var aprilA = april.Value!.Generated.Single(x => x.FixmedinsCode == s.A.FixmedinsCode);
        aprilA.SettledCount.ShouldBe(0);
        aprilA.CancelledCount.ShouldBe(1);
        aprilA.AdjustmentCount.ShouldBe(1);
        aprilA.AdjustmentAmount.ShouldBe(later.Setlinfo["fund_pay_sumamt"] + later.Setlinfo["acct_pay"]);
        aprilA.TotalOwed.ShouldBe(-aprilA.AdjustmentAmount);
        april.Value.Generated.ShouldNotContain(x => x.FixmedinsCode == s.B.FixmedinsCode); // nothing happened at B in April

        // The institution's own list (the API's scoping) shows only its statements.
        var mine = await db.InScopeAsync(sp => sp.GetRequiredService<ListStoredStatementsHandler>().HandleAsync(new ListStoredStatements(InstitutionId: s.A.InstitutionId)));
        mine.Select(x => x.StatementNo).ShouldBe([$"JS202604-{s.A.FixmedinsCode}", $"JS202603-{s.A.FixmedinsCode}"]);
        await AssertLedgerBalancedAsync(db);
    }

    [Fact]
    public async Task Two_disbursements_of_one_statement_at_once_on_postgresql_pay_it_once()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 40, 12.5m));
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero));
        var st = (await GenerateAsync(db, 2026, 3, s.A.FixmedinsCode)).Value!.Generated.Single();
        var fund = st.Funds.Single();
        fund.Owed.ShouldBeGreaterThan(0m);

        for (var round = 0; round < 3; round++)
        {
            // Each round: a fresh month's worth is not needed — the first round pays it, the later rounds must all be refused.
            using var start = new Barrier(2);
            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
            {
                start.SignalAndWait();
                return PayAsync(db, s.A.FixmedinsCode, 2026, 3, fund.Fund, fund.Owed, $"BF-{round}-{i}");
            })));
            results.Count(r => r.Succeeded).ShouldBe(round == 0 ? 1 : 0);
            var refused = results.Where(r => !r.Succeeded).ToList();
            refused.ShouldAllBe(r => r.Errors.Single().Code == "nothing-owed" && r.Errors.Single().Message.Contains("没有未拨付的应付款"));
        }

        var lines = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking()
            .Where(l => l.InstitutionId == s.A.InstitutionId && l.Fund == fund.Fund).ToListAsync());
        lines.Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable).Sum(l => l.Credit - l.Debit).ShouldBe(0m); // cleared once
        lines.Where(l => l.AccountCode == LedgerAccounts.BankExpenditure).Sum(l => l.Credit).ShouldBe(fund.Owed);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Disbursements.CountAsync())).ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<ListStoredStatementsHandler>().HandleAsync(new ListStoredStatements(2026, 3, (long?)null)))).Single().StatusName.ShouldBe("已拨付");
    }
}
