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

/// <summary>住院 2401/2404/2402/2405/2301/2302/2303/2304/2305 and 2601 of 2304, on both engines.</summary>
public sealed class InpatientSettlementTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Admitted = new(2025, 6, 10);
    private static readonly DateOnly Discharged = new(2025, 6, 15);
    private const string Amoxicillin = "XJ01CAA040A001010100001";

    private sealed record Seeded(InstitutionCaller A, InstitutionCaller B, string PsnNo);

    private static async Task<Seeded> SeedAsync(TestDatabase db)
    {
        var ids = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var a = new Institution { Code = "H13012300001", Name = "示范县第一卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            var b = new Institution { Code = "H13012300002", Name = "示范县第二卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            ctx.Institutions.AddRange(a, b);
            await ctx.SaveChangesAsync();
            return (new InstitutionCaller(a.Id, a.Code), new InstitutionCaller(b.Id, b.Code));
        });
        var certno = ResidentId.Create("130123", new DateOnly(2010, 2, 3), 246).Value;
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "赵六", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(Msg(reg));
        var psnNo = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking()
            .Where(p => p.ResidentId == ResidentId.Parse(certno)).Select(p => p.PersonNo).SingleAsync());
        return new Seeded(ids.Item1, ids.Item2, psnNo);
    }

    private static string Msg<T>(AppResult<T> r) => string.Join("；", r.Errors.Select(e => e.Message));

    private static FeeDetailInput Line(string sn, string code, decimal cnt, decimal pric, DateOnly? on = null) =>
        new(sn, code, cnt, pric, Math.Round(cnt * pric, 2, MidpointRounding.AwayFromZero), null, on);

    private static Task<AppResult<T>> Run<T>(TestDatabase db, Func<IServiceProvider, Task<AppResult<T>>> work) => db.InScopeAsync(work);

    private static async Task<string> AdmitAsync(TestDatabase db, InstitutionCaller caller, string psnNo, DateOnly? on = null, string ipt = "ZY0001")
    {
        var r = await Run(db, sp => sp.GetRequiredService<AdmitInpatientHandler>().HandleAsync(caller,
            new AdmitInpatient(psnNo, "390", on ?? Admitted, ipt, "0301", "J18.9", "12床")));
        r.Succeeded.ShouldBeTrue(Msg(r));
        r.Value!.MedType.ShouldBe("21");
        r.Value.Status.ShouldBe("1");
        return r.Value.MdtrtId;
    }

    private static async Task UploadAsync(TestDatabase db, InstitutionCaller caller, string mdtrt, params FeeDetailInput[] lines)
    {
        var up = await Run(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(mdtrt, lines), inpatient: true));
        up.Succeeded.ShouldBeTrue(Msg(up));
    }

    private static async Task DischargeAsync(TestDatabase db, InstitutionCaller caller, string mdtrt, DateOnly? on = null)
    {
        var d = await Run(db, sp => sp.GetRequiredService<DischargeInpatientHandler>().HandleAsync(caller, new DischargeInpatient(mdtrt, on ?? Discharged, "J18.9", "1")));
        d.Succeeded.ShouldBeTrue(Msg(d));
    }

    private static Task<AppResult<SettlementView>> SettleAsync(TestDatabase db, InstitutionCaller caller, string mdtrt, decimal total, bool pre = false, bool midway = false) =>
        Run(db, sp => sp.GetRequiredService<SettleInpatientHandler>().HandleAsync(caller, new SettleInpatient(mdtrt, total, "0", midway ? "1" : "0", pre)));

    private static async Task<Dictionary<string, decimal>> AccumulatorsAsync(TestDatabase db, string psnNo)
    {
        var acc = await Run(db, sp => sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(psnNo, 2025)));
        return acc.Value!.CumInfo.ToDictionary(c => c.CumTypeCode, c => c.Cum, StringComparer.Ordinal);
    }

    private static async Task AssertLedgerBalancedAsync(TestDatabase db)
    {
        var lines = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().ToListAsync());
        lines.Sum(l => l.Debit).ShouldBe(lines.Sum(l => l.Credit), "试算不平");
        foreach (var fund in lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit), $"{fund.Key} 借贷不平");
        }
    }

    private static Task<int> CountAsync<T>(TestDatabase db) where T : class =>
        db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<T>().CountAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Admission_fee_batches_discharge_and_settlement_write_one_balanced_settlement(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var mdtrt = await AdmitAsync(db, s.A, s.PsnNo);

        // A second open admission of the same person at the same institution is refused; another institution may admit.
        var again = await Run(db, sp => sp.GetRequiredService<AdmitInpatientHandler>().HandleAsync(s.A, new AdmitInpatient(s.PsnNo, "390", Admitted, "ZY0002", "0301", "J18.9")));
        again.Errors.Single().Code.ShouldBe(SettlementErrors.AdmissionOpen);
        var bad = await Run(db, sp => sp.GetRequiredService<AdmitInpatientHandler>().HandleAsync(s.A, new AdmitInpatient("", "999", default, "", "", "")));
        bad.Errors.Select(e => e.Field).ShouldBe(["psn_no", "insutype", "begntime", "ipt_otp_no", "adm_dept_codg", "dise_codg"], ignoreOrder: true);

        // 2301 in batches during the stay; unknown code → 全自费 with a reason; absurd quantity refused; duplicate sn refused across batches.
        await UploadAsync(db, s.A, mdtrt, Line("1", Amoxicillin, 40, 12.5m, Admitted), Line("2", "UNKNOWN-ITEM", 1, 30m, Admitted));
        var second = await Run(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A,
            new UploadFeeDetails(mdtrt, [Line("3", Amoxicillin, 40, 12.5m, Admitted.AddDays(2)), Line("4", Amoxicillin, 1, 12.5m)]), inpatient: true));
        second.Succeeded.ShouldBeTrue(Msg(second));
        second.Value!.MedfeeSumamt.ShouldBe(1042.5m);
        var absurd = await Run(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A,
            new UploadFeeDetails(mdtrt, [Line("9", Amoxicillin, 20000, 1m), Line("10", Amoxicillin, -1, 12.5m)]), inpatient: true));
        absurd.Succeeded.ShouldBeFalse();
        Msg(absurd).ShouldContain("数量 cnt");
        var dup = await Run(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A, new UploadFeeDetails(mdtrt, [Line("1", Amoxicillin, 1, 12.5m)]), inpatient: true));
        dup.Errors.Single().Code.ShouldBe(SettlementErrors.DuplicateFeeDetail);
        var before = await Run(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A,
            new UploadFeeDetails(mdtrt, [Line("11", Amoxicillin, 1, 12.5m, Admitted.AddDays(-1))]), inpatient: true));
        before.Errors.Single().Field.ShouldBe("fee_ocur_time");

        // The outpatient transactions refuse an admission, and the inpatient ones an outpatient visit.
        (await Run(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A, new UploadFeeDetails(mdtrt, [Line("12", Amoxicillin, 1, 12.5m)]))))
            .Errors.Single().Code.ShouldBe(SettlementErrors.WrongEncounterKind);
        (await Run(db, sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 1042.5m))))
            .Errors.Single().Code.ShouldBe(SettlementErrors.WrongEncounterKind);
        (await Run(db, sp => sp.GetRequiredService<CancelOutpatientRegistrationHandler>().HandleAsync(s.A, new CancelOutpatientRegistration(mdtrt))))
            .Errors.Single().Code.ShouldBe(SettlementErrors.WrongEncounterKind);

        // 2302 cancels one line; another institution does not see the admission.
        var cancelLine = await Run(db, sp => sp.GetRequiredService<CancelFeeDetailsHandler>().HandleAsync(s.A, new CancelFeeDetails(mdtrt, "4"), inpatient: true));
        cancelLine.Value!.MedfeeSumamt.ShouldBe(1030m);
        (await Run(db, sp => sp.GetRequiredService<CancelFeeDetailsHandler>().HandleAsync(s.B, new CancelFeeDetails(mdtrt, "1"), inpatient: true)))
            .Errors.Single().Code.ShouldBe(SettlementErrors.EncounterNotFound);
        (await Run(db, sp => sp.GetRequiredService<GetAdmissionHandler>().HandleAsync(s.B, mdtrt))).Errors.Single().Code.ShouldBe(SettlementErrors.EncounterNotFound);

        // 2303 computes and changes nothing; 2304 without discharge (and without 中途结算) is refused.
        var pre = await SettleAsync(db, s.A, mdtrt, 1030m, pre: true);
        pre.Succeeded.ShouldBeTrue(Msg(pre));
        pre.Value!.SetlId.ShouldBeNull();
        pre.Value.MedType.ShouldBe("21");
        (await CountAsync<SettlementRecord>(db)).ShouldBe(0);
        (await CountAsync<PersonAccumulator>(db)).ShouldBe(0);
        (await SettleAsync(db, s.A, mdtrt, 1030m)).Errors.Single().Code.ShouldBe(SettlementErrors.NotDischarged);

        // 2402: discharge before admission refused; then discharged.
        var early = await Run(db, sp => sp.GetRequiredService<DischargeInpatientHandler>().HandleAsync(s.A, new DischargeInpatient(mdtrt, Admitted.AddDays(-1), "J18.9")));
        early.Errors.Single().Field.ShouldBe("endtime");
        var noDiag = await Run(db, sp => sp.GetRequiredService<DischargeInpatientHandler>().HandleAsync(s.A, new DischargeInpatient(mdtrt, Discharged, "", "7")));
        noDiag.Errors.Select(e => e.Field).ShouldBe(["dscg_maindiag_code", "dscg_way"], ignoreOrder: true);
        await DischargeAsync(db, s.A, mdtrt);

        (await SettleAsync(db, s.A, mdtrt, 1000m)).Errors.Single().Code.ShouldBe(SettlementErrors.TotalMismatch);
        var setl = await SettleAsync(db, s.A, mdtrt, 1030m);
        setl.Succeeded.ShouldBeTrue(Msg(setl));
        var v = setl.Value!;
        v.Setlinfo.ShouldBe(pre.Value.Setlinfo);
        v.Setlinfo["fulamt_ownpay_amt"].ShouldBe(30m); // unknown item 全自费, not dropped
        v.Setlinfo["act_pay_dedc"].ShouldBe(200m);     // first admission of the year: full 起付线
        v.Setlinfo["fund_pay_sumamt"].ShouldBeGreaterThan(0m);
        v.Lines.Count.ShouldBe(3);
        v.Explanation.ShouldNotBeEmpty();

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync());
        stored.MedType.ShouldBe(Yibao.Domain.Catalogs.VisitType.Inpatient);
        var entry = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.AsNoTracking().SingleAsync());
        entry.SourceType.ShouldBe(SettleOutpatientHandler.InpatientSourceType);
        await AssertLedgerBalancedAsync(db);
        var enc = await Run(db, sp => sp.GetRequiredService<GetAdmissionHandler>().HandleAsync(s.A, mdtrt));
        enc.Value!.Status.ShouldBe("2");
        enc.Value.Endtime.ShouldBe(Discharged);

        // Settling twice, uploading after settlement, cancelling the admission or discharge: refused.
        (await SettleAsync(db, s.A, mdtrt, 1030m)).Errors.Single().Code.ShouldBe(SettlementErrors.AlreadySettled);
        (await Run(db, sp => sp.GetRequiredService<CancelAdmissionHandler>().HandleAsync(s.A, new CancelAdmission(mdtrt)))).Errors.Single().Code.ShouldBe(SettlementErrors.AlreadySettled);
        (await Run(db, sp => sp.GetRequiredService<CancelDischargeHandler>().HandleAsync(s.A, new CancelDischarge(mdtrt)))).Errors.Single().Code.ShouldBe(SettlementErrors.AlreadySettled);

        // The person may be admitted again once the stay is settled.
        await AdmitAsync(db, s.A, s.PsnNo, Discharged, "ZY0003");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Second_admission_of_the_year_lowers_the_deductible_and_2305_restores_the_accumulators(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);

        var first = await AdmitAsync(db, s.A, s.PsnNo);
        await UploadAsync(db, s.A, first, Line("1", Amoxicillin, 80, 12.5m));
        await DischargeAsync(db, s.A, first);
        var s1 = await SettleAsync(db, s.A, first, 1000m);
        s1.Succeeded.ShouldBeTrue(Msg(s1));
        s1.Value!.Setlinfo["act_pay_dedc"].ShouldBe(200m);
        var afterFirst = await AccumulatorsAsync(db, s.PsnNo);

        // Second admission (another institution, same year): 起付线 × 0.5 by the policy's subsequent factors.
        var second = await AdmitAsync(db, s.B, s.PsnNo, new DateOnly(2025, 8, 1));
        await UploadAsync(db, s.B, second, Line("1", Amoxicillin, 80, 12.5m, new DateOnly(2025, 8, 1)));
        await DischargeAsync(db, s.B, second, new DateOnly(2025, 8, 5));
        var s2 = await SettleAsync(db, s.B, second, 1000m);
        s2.Succeeded.ShouldBeTrue(Msg(s2));
        s2.Value!.Setlinfo["act_pay_dedc"].ShouldBe(100m);
        s2.Value.Setlinfo["fund_pay_sumamt"].ShouldBeGreaterThan(s1.Value.Setlinfo["fund_pay_sumamt"]);

        // 2305 is for inpatient settlements of the caller only; it restores the accumulators exactly and reverses the entry.
        (await Run(db, sp => sp.GetRequiredService<CancelInpatientSettlementHandler>().HandleAsync(s.A, new CancelSettlement(s2.Value.SetlId!))))
            .Errors.Single().Code.ShouldBe(SettlementErrors.SettlementNotFound);
        var cancel = await Run(db, sp => sp.GetRequiredService<CancelInpatientSettlementHandler>().HandleAsync(s.B, new CancelSettlement(s2.Value.SetlId!, "费用有误")));
        cancel.Succeeded.ShouldBeTrue(Msg(cancel));
        cancel.Value!.Status.ShouldBe("0");
        (await AccumulatorsAsync(db, s.PsnNo)).ShouldBe(afterFirst);
        await AssertLedgerBalancedAsync(db);
        (await CountAsync<JournalEntry>(db)).ShouldBe(3);
        var reopened = await Run(db, sp => sp.GetRequiredService<GetAdmissionHandler>().HandleAsync(s.B, second));
        reopened.Value!.Status.ShouldBe("1");
        reopened.Value.Endtime.ShouldNotBeNull();

        // The stay can be settled again, with the same (second-admission) deductible; 2405 and 2404 now work in turn.
        var again = await SettleAsync(db, s.B, second, 1000m, pre: true);
        again.Value!.Setlinfo["act_pay_dedc"].ShouldBe(100m);
        (await Run(db, sp => sp.GetRequiredService<CancelDischargeHandler>().HandleAsync(s.B, new CancelDischarge(second)))).Succeeded.ShouldBeTrue();
        var cancelAdm = await Run(db, sp => sp.GetRequiredService<CancelAdmissionHandler>().HandleAsync(s.B, new CancelAdmission(second)));
        cancelAdm.Succeeded.ShouldBeTrue(Msg(cancelAdm));
        cancelAdm.Value!.Status.ShouldBe("9");
        (await CountAsync<MedicalEncounter>(db)).ShouldBe(2);
        (await CountAsync<SettlementRecord>(db)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Settlement_2304_is_idempotent_by_msgid_and_2601_reverses_it(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var mdtrt = await AdmitAsync(db, s.A, s.PsnNo);
        await UploadAsync(db, s.A, mdtrt, Line("1", Amoxicillin, 80, 12.5m));
        await DischargeAsync(db, s.A, mdtrt);

        Task<IdempotentOutcome<SettlementView>> Settle(string hash) => db.InScopeAsync(sp => sp.GetRequiredService<IdempotentRequests>().RunAsync(
            new ApiCall(s.A.InstitutionId, "IPT-MSG-1", "2304", hash),
            t => sp.GetRequiredService<SettleInpatientHandler>().HandleAsync(s.A, new SettleInpatient(mdtrt, 1000m), t), v => JsonSerializer.Serialize(v)));
        var first = await Settle("h1");
        first.Fresh!.Succeeded.ShouldBeTrue(Msg(first.Fresh));
        var replay = await Settle("h1");
        replay.Fresh.ShouldBeNull();
        replay.StoredJson.ShouldBe(first.StoredJson);
        (await Settle("h2")).Conflict.ShouldBeTrue();
        (await CountAsync<SettlementRecord>(db)).ShouldBe(1);
        (await CountAsync<JournalEntry>(db)).ShouldBe(1);

        var rev = await db.InScopeAsync(sp => sp.GetRequiredService<IdempotentRequests>().RunAsync(
            new ApiCall(s.A.InstitutionId, "IPT-MSG-2", "2601", "r"),
            t => sp.GetRequiredService<ReverseTransactionHandler>().HandleAsync(s.A, new ReverseTransaction("IPT-MSG-1", "2304"), t), v => JsonSerializer.Serialize(v)));
        rev.Fresh!.Succeeded.ShouldBeTrue(Msg(rev.Fresh));
        rev.Fresh.Value!.SetlId.ShouldBe(first.Fresh.Value!.SetlId);
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync());
        stored.Status.ShouldBe(SettlementStatus.Cancelled);
        stored.CancelReason!.ShouldContain("冲正");
        (await AccumulatorsAsync(db, s.PsnNo)).Values.ShouldAllBe(x => x == 0m);
        await AssertLedgerBalancedAsync(db);

        // A second 2601 of the same original is refused as already cancelled.
        var twice = await Run(db, sp => sp.GetRequiredService<ReverseTransactionHandler>().HandleAsync(s.A, new ReverseTransaction("IPT-MSG-1")));
        twice.Errors.Single().Code.ShouldBe(SettlementErrors.AlreadyCancelled);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Midway_settlement_settles_the_lines_so_far_and_the_stay_continues(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var mdtrt = await AdmitAsync(db, s.A, s.PsnNo);
        await UploadAsync(db, s.A, mdtrt, Line("1", Amoxicillin, 40, 12.5m));
        var mid = await SettleAsync(db, s.A, mdtrt, 500m, midway: true);
        mid.Succeeded.ShouldBeTrue(Msg(mid));
        (await Run(db, sp => sp.GetRequiredService<GetAdmissionHandler>().HandleAsync(s.A, mdtrt))).Value!.Status.ShouldBe("1");

        // Settled lines cannot be cancelled; new lines are uploaded and settled at discharge (only they).
        (await Run(db, sp => sp.GetRequiredService<CancelFeeDetailsHandler>().HandleAsync(s.A, new CancelFeeDetails(mdtrt, "1"), inpatient: true)))
            .Errors.Single().Code.ShouldBe(SettlementErrors.AlreadySettled);
        (await Run(db, sp => sp.GetRequiredService<CancelAdmissionHandler>().HandleAsync(s.A, new CancelAdmission(mdtrt))))
            .Errors.Single().Code.ShouldBe(SettlementErrors.HasSettlements);
        await UploadAsync(db, s.A, mdtrt, Line("2", Amoxicillin, 8, 12.5m, Admitted.AddDays(3)));
        await DischargeAsync(db, s.A, mdtrt);
        var final = await SettleAsync(db, s.A, mdtrt, 100m);
        final.Succeeded.ShouldBeTrue(Msg(final));
        final.Value!.Lines.Single().GetProperty("feedetl_sn").GetString().ShouldBe("2");

        // The earlier (中途) settlement cannot be cancelled while the later one stands.
        (await Run(db, sp => sp.GetRequiredService<CancelInpatientSettlementHandler>().HandleAsync(s.A, new CancelSettlement(mid.Value!.SetlId!))))
            .Errors.Single().Code.ShouldBe(SettlementErrors.LaterSettlementExists);
        await AssertLedgerBalancedAsync(db);
    }
}
