using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Funds;
using Yibao.Application.Institutions;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Funds;

public sealed class StatementAndDisbursementTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Today = new(2026, 3, 2); // TestDatabase clock, China time

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Statement_sums_equal_the_settlements_with_cancellations_netted_and_disbursement_clears_the_payable_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var kept = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 40, 12.5m));
        var cancelled = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 8, 12.5m), Line("2", "UNKNOWN-ITEM", 1, 10m));
        var atB = await SettleAsync(db, s.B, s.PsnNo, Line("1", Amoxicillin, 6, 12.5m));
        (await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement(cancelled.SetlId!, "重复结算")))).Succeeded.ShouldBeTrue();

        var r = await db.InScopeAsync(sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement(s.A.FixmedinsCode, 2026, 3)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        var st = r.Value!;
        st.SettledCount.ShouldBe(2);
        st.CancelledCount.ShouldBe(1);
        st.NetCount.ShouldBe(1);
        foreach (var f in st.Fields)
        {
            f.Settled.ShouldBe(kept.Setlinfo[f.Code] + cancelled.Setlinfo[f.Code], f.Code);
            f.Cancelled.ShouldBe(cancelled.Setlinfo[f.Code], f.Code);
            f.Net.ShouldBe(kept.Setlinfo[f.Code], f.Code);
        }

        var owedA = kept.Setlinfo["fund_pay_sumamt"] + kept.Setlinfo["acct_pay"];
        owedA.ShouldBeGreaterThan(0m);
        st.TotalOwed.ShouldBe(owedA);
        st.TotalOutstanding.ShouldBe(owedA);
        var fund = st.Funds.Single(f => f.Fund == FundCode.ResidentPool);
        fund.Owed.ShouldBe(kept.Setlinfo["hifp_pay"]);

        // Another month is empty; a bad month or unknown institution gets a Chinese error.
        (await db.InScopeAsync(sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement(s.A.FixmedinsCode, 2026, 2)))).Value!.SettledCount.ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement(s.A.FixmedinsCode, 2026, 13)))).Errors.Single().Message.ShouldBe("月份：须在 1–12 之间");
        (await db.InScopeAsync(sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement("NOPE", 2026, 3)))).Errors.Single().Code.ShouldBe(SettlementErrors.InstitutionNotFound);

        Task<Yibao.Application.Common.AppResult<Disbursement>> Pay(decimal amount, string no, DateOnly? on = null) =>
            db.InScopeAsync(sp => sp.GetRequiredService<RecordDisbursementHandler>().HandleAsync(new RecordDisbursement(s.A.FixmedinsCode, 2026, 3, FundCode.ResidentPool, amount, on ?? Today, no)));

        db.User.UserName = "finance1";
        (await Pay(fund.Owed + 0.01m, "BF-1")).Errors.Single().Code.ShouldBe("over-disbursement");
        (await Pay(0m, "BF-1")).Errors.Single().Message.ShouldBe("拨付金额：须大于 0");
        (await Pay(1.001m, "BF-1")).Errors.Single().Message.ShouldBe("拨付金额：最多两位小数（精确到分）");
        (await Pay(1m, "BF-1", Today.AddDays(1))).Errors.Single().Message.ShouldBe("拨付日期：不能晚于今天");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Disbursements.CountAsync())).ShouldBe(0);

        var part = await Pay(1m, "BF-1");
        part.Succeeded.ShouldBeTrue(string.Join("；", part.Errors.Select(e => e.Message)));
        part.Value!.RecordedBy.ShouldBe("finance1");
        (await Pay(1m, "BF-1")).Errors.Single().Code.ShouldBe("duplicate-disbursement");
        (await Pay(fund.Owed, "BF-2")).Errors.Single().Code.ShouldBe("over-disbursement");
        (await Pay(fund.Owed - 1m, "BF-2")).Succeeded.ShouldBeTrue();
        (await Pay(0.01m, "BF-3")).Errors.Single().Code.ShouldBe("nothing-owed");

        var after = (await db.InScopeAsync(sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement(s.A.FixmedinsCode, 2026, 3)))).Value!;
        after.Funds.Single(f => f.Fund == FundCode.ResidentPool).Outstanding.ShouldBe(0m);
        after.Disbursements.Count.ShouldBe(2);

        // The payable of A in that fund is cleared in the ledger; B's is still owed.
        var payable = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking()
            .Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable && l.Fund == FundCode.ResidentPool).ToListAsync());
        payable.Where(l => l.InstitutionId == s.A.InstitutionId).Sum(l => l.Credit - l.Debit).ShouldBe(0m);
        payable.Where(l => l.InstitutionId == s.B.InstitutionId).Sum(l => l.Credit - l.Debit).ShouldBe(atB.Setlinfo["hifp_pay"]);
        await AssertLedgerBalancedAsync(db);

        // 科目余额表: balances per fund, debit = credit; the bank account is credited by what was paid.
        var tb = await db.InScopeAsync(sp => sp.GetRequiredService<GetTrialBalanceHandler>().HandleAsync(new GetTrialBalance(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))));
        tb.Succeeded.ShouldBeTrue();
        tb.Value!.Balanced.ShouldBeTrue();
        var pool = tb.Value.Funds.Single(f => f.Fund == FundCode.ResidentPool);
        pool.Debit.ShouldBe(pool.Credit);
        pool.Rows.Single(x => x.AccountCode == LedgerAccounts.BankExpenditure).Closing.ShouldBe(-fund.Owed);
        pool.Rows.Single(x => x.AccountCode == LedgerAccounts.InstitutionPayable).Closing.ShouldBe(-atB.Setlinfo["hifp_pay"]);
        pool.Rows.Single(x => x.AccountCode == LedgerAccounts.BenefitExpense).Closing.ShouldBe(kept.Setlinfo["hifp_pay"] + atB.Setlinfo["hifp_pay"]);
        GetTrialBalanceHandler.ToRows(tb.Value).ShouldContain(row => (string)row["科目名称"]! == "合计（借贷平衡）");

        // A later period: the year's movements become the opening balance.
        var later = await db.InScopeAsync(sp => sp.GetRequiredService<GetTrialBalanceHandler>().HandleAsync(new GetTrialBalance(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30))));
        var laterPool = later.Value!.Funds.Single(f => f.Fund == FundCode.ResidentPool);
        laterPool.Debit.ShouldBe(0m);
        laterPool.Rows.Single(x => x.AccountCode == LedgerAccounts.BankExpenditure).Opening.ShouldBe(-fund.Owed);
        later.Value.Balanced.ShouldBeTrue();
        (await db.InScopeAsync(sp => sp.GetRequiredService<GetTrialBalanceHandler>().HandleAsync(new GetTrialBalance(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1))))).Succeeded.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Institutions_are_created_and_edited_with_Chinese_validation_and_a_suspended_one_is_refused_by_the_settlement_API(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        Task<Yibao.Application.Common.AppResult<Institution>> Save(SaveInstitution c) => db.InScopeAsync(sp => sp.GetRequiredService<SaveInstitutionHandler>().HandleAsync(c));
        var valid = new SaveInstitution(null, "p13012300009", "示范县康宁大药房", InstitutionType.Pharmacy, InstitutionLevel.Unrated, "130123", "城关镇解放路 1 号",
            new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), AgreementStatus.Active, null);

        var bad = await Save(valid with { Code = "", PoolAreaCode = "12", AgreementEnd = new DateOnly(2025, 1, 1), Status = AgreementStatus.Suspended });
        bad.Errors.Select(e => e.Message).ShouldBe(["机构编号：不能为空", "统筹区：须为 6 位有效的行政区划代码", "协议结束日期：须晚于协议开始日期", "暂停/解除原因：协议状态为暂停或解除时必须填写原因"], ignoreOrder: true);
        (await Save(valid with { Code = "H13012300001" })).Errors.Single().Code.ShouldBe("duplicate-institution");

        var created = await Save(valid);
        created.Succeeded.ShouldBeTrue(string.Join("；", created.Errors.Select(e => e.Message)));
        created.Value!.Code.ShouldBe("P13012300009");
        var list = await db.InScopeAsync(sp => sp.GetRequiredService<SearchInstitutionsHandler>().HandleAsync(new SearchInstitutions("康宁")));
        list.Items.Single().Type.ShouldBe(InstitutionType.Pharmacy);
        (await db.InScopeAsync(sp => sp.GetRequiredService<SearchInstitutionsHandler>().HandleAsync(new SearchInstitutions(Type: InstitutionType.PrimaryCare)))).TotalCount.ShouldBe(2);

        // Suspend institution A (with a reason): the settlement API refuses it with institution-suspended.
        var a = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Institutions.AsNoTracking().SingleAsync(i => i.Id == s.A.InstitutionId));
        var suspended = await Save(new SaveInstitution(a.Id, a.Code, a.Name, a.Type, a.Level, a.PoolAreaCode, a.Address, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31),
            AgreementStatus.Suspended, "违规使用医保基金，暂停协议三个月"));
        suspended.Succeeded.ShouldBeTrue(string.Join("；", suspended.Errors.Select(e => e.Message)));
        var refused = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(s.A, new RegisterOutpatient(s.PsnNo, "390", "11", Visit)));
        refused.Errors.Single().Code.ShouldBe(SettlementErrors.InstitutionSuspended);
        refused.Errors.Single().Message.ShouldContain("暂停");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MedicalEncounters.CountAsync())).ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<SearchInstitutionsHandler>().HandleAsync(new SearchInstitutions(Status: AgreementStatus.Suspended)))).Items.Single().StatusReason.ShouldBe("违规使用医保基金，暂停协议三个月");

        // Restoring to 正常 clears the reason and settlements work again.
        var restored = await Save(new SaveInstitution(a.Id, a.Code, a.Name, a.Type, a.Level, a.PoolAreaCode, a.Address, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), AgreementStatus.Active, "x"));
        restored.Value!.StatusReason.ShouldBeNull();
        (await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 1, 12.5m))).Status.ShouldBe("1");
    }
}
