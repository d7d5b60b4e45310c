using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

/// <summary>2601 冲正, 3201 对总账 and 3202 对明细账 on both engines.</summary>
public sealed class ReversalAndReconciliationTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Visit = new(2025, 6, 10);
    private static readonly DateOnly SetlDay = new(2026, 3, 2); // the test clock's day in China
    private const string Amoxicillin = "XJ01CAA040A001010100001";

    private sealed record Seeded(InstitutionCaller A, InstitutionCaller B, string PsnNo);

    private static async Task<Seeded> SeedAsync(TestDatabase db)
    {
        var ids = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var a = new Institution { Code = "H13012300011", Name = "示范县甲卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            var b = new Institution { Code = "H13012300012", Name = "示范县乙卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            ctx.Institutions.AddRange(a, b);
            await ctx.SaveChangesAsync();
            return (new InstitutionCaller(a.Id, a.Code), new InstitutionCaller(b.Id, b.Code));
        });
        var certno = ResidentId.Create("130123", new DateOnly(1962, 4, 5), 357).Value;
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "钱七", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        var psnNo = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking()
            .Where(p => p.ResidentId == ResidentId.Parse(certno)).Select(p => p.PersonNo).SingleAsync());
        return new Seeded(ids.Item1, ids.Item2, psnNo);
    }

    private static string Msg<T>(AppResult<T> r) => string.Join("；", r.Errors.Select(e => e.Message));

    /// <summary>Runs a write the way the API does: idempotent by msgid.</summary>
    private static Task<IdempotentOutcome<T>> Idem<T>(TestDatabase db, InstitutionCaller caller, string msgid, string infno, string target,
        Func<IServiceProvider, CancellationToken, Task<AppResult<T>>> work) =>
        db.InScopeAsync(sp => sp.GetRequiredService<IdempotentRequests>().RunAsync(
            new ApiCall(caller.InstitutionId, msgid, infno, ApiCall.HashOf(infno, target, "")), t => work(sp, t), v => JsonSerializer.Serialize(v)));

    private static async Task<(string MdtrtId, string SetlId, decimal Fund)> SettleAsync(TestDatabase db, InstitutionCaller caller, string psnNo, string msgid, decimal cnt)
    {
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(psnNo, "390", "11", Visit)));
        r.Succeeded.ShouldBeTrue(Msg(r));
        var mdtrt = r.Value!.MdtrtId;
        var up = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller,
            new UploadFeeDetails(mdtrt, [new FeeDetailInput("1", Amoxicillin, cnt, 12.5m, cnt * 12.5m)])));
        up.Succeeded.ShouldBeTrue(Msg(up));
        var s = await Idem(db, caller, msgid, "2207", mdtrt, (sp, t) => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(mdtrt, cnt * 12.5m), t));
        s.Fresh!.Succeeded.ShouldBeTrue(Msg(s.Fresh));
        return (mdtrt, s.Fresh.Value!.SetlId!, s.Fresh.Value.Setlinfo["fund_pay_sumamt"]);
    }

    private static async Task AssertLedgerBalancedAsync(TestDatabase db)
    {
        var lines = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().ToListAsync());
        foreach (var fund in lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit), $"{fund.Key} 借贷不平");
        }
    }

    private static Task<IdempotentOutcome<ReversalView>> ReverseAsync(TestDatabase db, InstitutionCaller caller, string msgid, string omsgid, string? oinfno = null) =>
        Idem(db, caller, msgid, "2601", omsgid, (sp, t) => sp.GetRequiredService<ReverseTransactionHandler>().HandleAsync(caller, new ReverseTransaction(omsgid, oinfno), t));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reversal_of_a_settlement_writes_reversing_entries_restores_accumulators_and_is_idempotent(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var (mdtrt, setlId, fund) = await SettleAsync(db, s.A, s.PsnNo, "HIS-2207-1", 40);
        fund.ShouldBeGreaterThan(0m, "the fund must pay for the reversal to move money");
        var journalsBefore = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync());

        // Another institution cannot reverse A's message; an unknown msgid is a clear error; a wrong oinfno is refused.
        var foreign = await ReverseAsync(db, s.B, "B-2601-1", "HIS-2207-1");
        foreign.Fresh!.Errors.Single().Code.ShouldBe(SettlementErrors.OriginalMsgidNotFound);
        var unknown = await ReverseAsync(db, s.A, "A-2601-0", "NO-SUCH-MSG");
        unknown.Fresh!.Errors.Single().Code.ShouldBe(SettlementErrors.OriginalMsgidNotFound);
        unknown.Fresh.Errors.Single().Message.ShouldContain("omsgid");
        var wrongInfno = await ReverseAsync(db, s.A, "A-2601-0", "HIS-2207-1", "2201");
        wrongInfno.Fresh!.Errors.Single().Field.ShouldBe("oinfno");

        var rev = await ReverseAsync(db, s.A, "A-2601-1", "HIS-2207-1", "2207");
        rev.Fresh!.Succeeded.ShouldBeTrue(Msg(rev.Fresh));
        rev.Fresh.Value!.SetlId.ShouldBe(setlId);
        rev.Fresh.Value.Oinfno.ShouldBe("2207");

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync());
        stored.Status.ShouldBe(SettlementStatus.Cancelled);
        stored.CancelReason!.ShouldContain("冲正");
        stored.ReversalJournalEntryId.ShouldNotBeNull();
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MedicalEncounters.AsNoTracking().SingleAsync(e => e.MdtrtId == mdtrt)))
            .Status.ShouldBe(EncounterStatus.Registered);
        var acc = await db.InScopeAsync(sp => sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(s.PsnNo, 2025)));
        acc.Value!.CumInfo.ShouldBeEmpty();
        var payable = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking()
            .Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable).ToListAsync());
        payable.Sum(l => l.Credit - l.Debit).ShouldBe(0m);
        await AssertLedgerBalancedAsync(db);
        var journalsAfter = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync());
        journalsAfter.ShouldBe(journalsBefore * 2);

        // Repeating the 2601 message returns the stored answer and changes nothing.
        var replay = await ReverseAsync(db, s.A, "A-2601-1", "HIS-2207-1", "2207");
        replay.Fresh.ShouldBeNull();
        replay.StoredJson.ShouldBe(rev.StoredJson);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(journalsAfter);

        // A second 冲正 under a new msgid is refused: already reversed.
        var twice = await ReverseAsync(db, s.A, "A-2601-2", "HIS-2207-1");
        twice.Fresh!.Errors.Single().Code.ShouldBe(SettlementErrors.AlreadyCancelled);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(journalsAfter);

        // The encounter is open again: it can be settled anew.
        var again = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 500m)));
        again.Succeeded.ShouldBeTrue(Msg(again));
        await AssertLedgerBalancedAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reversal_of_a_registration_cancels_it_and_reversal_of_a_cancellation_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var reg = await Idem(db, s.A, "HIS-2201-1", "2201", "encounters", (sp, t) => sp.GetRequiredService<RegisterOutpatientHandler>()
            .HandleAsync(s.A, new RegisterOutpatient(s.PsnNo, "390", "11", Visit), t));
        reg.Fresh!.Succeeded.ShouldBeTrue(Msg(reg.Fresh));
        var mdtrt = reg.Fresh.Value!.MdtrtId;

        var up = await Idem(db, s.A, "HIS-2204-1", "2204", mdtrt, (sp, t) => sp.GetRequiredService<UploadFeeDetailsHandler>()
            .HandleAsync(s.A, new UploadFeeDetails(mdtrt, [new FeeDetailInput("7", Amoxicillin, 2, 12.5m, 25m)]), t));
        up.Fresh!.Succeeded.ShouldBeTrue(Msg(up.Fresh));
        var revUp = await ReverseAsync(db, s.A, "A-2601-U", "HIS-2204-1");
        revUp.Fresh!.Succeeded.ShouldBeTrue(Msg(revUp.Fresh));
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<FeeDetail>().AsNoTracking().SingleAsync())).Cancelled.ShouldBeTrue();

        var rev = await ReverseAsync(db, s.A, "A-2601-R", "HIS-2201-1");
        rev.Fresh!.Succeeded.ShouldBeTrue(Msg(rev.Fresh));
        rev.Fresh.Value!.MdtrtId.ShouldBe(mdtrt);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MedicalEncounters.AsNoTracking().SingleAsync()))
            .Status.ShouldBe(EncounterStatus.Cancelled);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MedicalEncounters.CountAsync())).ShouldBe(1);

        // 冲正 of a 冲正 is not supported.
        var revRev = await ReverseAsync(db, s.A, "A-2601-X", "A-2601-R");
        revRev.Fresh!.Errors.Single().Code.ShouldBe(SettlementErrors.ReversalNotSupported);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Totals_and_detail_reconciliation_report_agreement_and_every_kind_of_mismatch(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var one = await SettleAsync(db, s.A, s.PsnNo, "M1", 4);
        var two = await SettleAsync(db, s.A, s.PsnNo, "M2", 2);
        var three = await SettleAsync(db, s.A, s.PsnNo, "M3", 1);
        var cancel = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.A, new CancelSettlement(three.SetlId)));
        cancel.Succeeded.ShouldBeTrue(Msg(cancel));

        // 3201: the valid settlements (one, two) only; the cancelled one nets to nothing.
        var totals = db.InScopeAsync(sp => sp.GetRequiredService<ReconcileTotalsHandler>().HandleAsync(s.A,
            new ReconcileTotals(SetlDay, SetlDay, [new TotalsInput("390", "11", 75m, one.Fund + two.Fund, 0m, 2)])));
        var ok = await totals;
        ok.Succeeded.ShouldBeTrue(Msg(ok));
        ok.Value!.StmtRslt.ShouldBe("0");
        ok.Value.Groups.Single().StmtRsltDscr.ShouldBe("一致");

        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileTotalsHandler>().HandleAsync(s.A,
            new ReconcileTotals(SetlDay, SetlDay, [new TotalsInput("390", "11", 87.5m, one.Fund + two.Fund, 0m, 3), new TotalsInput("310", "11", 10m, 5m, 0m, 1)])));
        bad.Succeeded.ShouldBeTrue(Msg(bad));
        bad.Value!.StmtRslt.ShouldBe("1");
        var g390 = bad.Value.Groups.Single(g => g.Insutype == "390");
        g390.Diffs.Select(d => d.Field).ShouldBe(["medfee_sumamt", "fixmedins_setl_cnt"]);
        g390.Diffs[0].Diff.ShouldBe(12.5m);
        g390.StmtRsltDscr.ShouldContain("医疗费总额");
        var g310 = bad.Value.Groups.Single(g => g.Insutype == "310");
        g310.SetlCnt.ShouldBe(0);
        g310.Diffs.Single(d => d.Field == "medfee_sumamt").Diff.ShouldBe(10m);

        // Other institutions see nothing of A's; an impossible period is a clear error.
        var forB = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileTotalsHandler>().HandleAsync(s.B,
            new ReconcileTotals(SetlDay, SetlDay, [new TotalsInput("390", "11", 0m, 0m, 0m, 0)])));
        forB.Value!.StmtRslt.ShouldBe("0");
        var period = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileTotalsHandler>().HandleAsync(s.A,
            new ReconcileTotals(SetlDay, SetlDay.AddDays(-1), [new TotalsInput("390", "11", 0m, 0m, 0m, 0)])));
        period.Errors.Single().Field.ShouldBe("stmt_enddate");
        var badType = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileTotalsHandler>().HandleAsync(s.A,
            new ReconcileTotals(SetlDay, SetlDay, [new TotalsInput("390", "99", 0m, 0m, 0m, 0)])));
        badType.Errors.ShouldContain(e => e.Message.StartsWith("清算类别 clr_type", StringComparison.Ordinal));

        // 3202: exact list agrees.
        var exact = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileDetailsHandler>().HandleAsync(s.A, new ReconcileDetails(SetlDay, SetlDay,
            [new DetailInput(one.SetlId, 50m, one.Fund, 0m), new DetailInput(two.SetlId, 25m, two.Fund, 0m)])));
        exact.Succeeded.ShouldBeTrue(Msg(exact));
        exact.Value!.StmtRslt.ShouldBe("0");

        // Their list: one with a wrong amount, the cancelled one, an unknown one; ours has "two" which they lack.
        var diff = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileDetailsHandler>().HandleAsync(s.A, new ReconcileDetails(SetlDay, SetlDay,
            [new DetailInput(one.SetlId, 51m, one.Fund, 0m), new DetailInput(three.SetlId, 12.5m, three.Fund, 0m), new DetailInput("S-UNKNOWN", 1m, 0m, 0m)])));
        diff.Succeeded.ShouldBeTrue(Msg(diff));
        var d = diff.Value!;
        d.StmtRslt.ShouldBe("1");
        d.HiCount.ShouldBe(2);
        d.MedinsCount.ShouldBe(3);
        d.AmountDiffs.Single().SetlId.ShouldBe(one.SetlId);
        d.AmountDiffs.Single().Diffs.Single().Diff.ShouldBe(1m);
        d.MissingInMedins.Single().SetlId.ShouldBe(two.SetlId);
        d.MissingInHi.Select(m => m.SetlId).ShouldBe(new[] { "S-UNKNOWN", three.SetlId }.OrderBy(x => x, StringComparer.Ordinal));
        d.MissingInHi.Single(m => m.SetlId == three.SetlId).Memo.ShouldContain("撤销");
        d.MissingInHi.Single(m => m.SetlId == "S-UNKNOWN").Memo.ShouldBe("医保方无此结算");

        // B listing A's settlement learns nothing about it.
        var bList = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileDetailsHandler>().HandleAsync(s.B, new ReconcileDetails(SetlDay, SetlDay,
            [new DetailInput(one.SetlId, 50m, one.Fund, 0m)])));
        bList.Value!.MissingInHi.Single().Memo.ShouldBe("医保方无此结算");
        var dup = await db.InScopeAsync(sp => sp.GetRequiredService<ReconcileDetailsHandler>().HandleAsync(s.A, new ReconcileDetails(SetlDay, SetlDay,
            [new DetailInput("X", 1m, 0m, 0m), new DetailInput("X", 1m, 0m, 0m)])));
        dup.Errors.ShouldContain(e => e.Field == "setl_id");
    }
}
