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

public sealed class OnlineSettlementTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Visit = new(2025, 6, 10);
    internal const string Amoxicillin = "XJ01CAA040A001010100001";

    internal sealed record Seeded(InstitutionCaller A, InstitutionCaller B, string PsnNo, long PersonId);

    internal static async Task<Seeded> SeedAsync(TestDatabase db, int serial = 246)
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
        var certno = ResidentId.Create("130123", new DateOnly(1960, 2, 3), serial).Value;
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "王五", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        var person = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking().SingleAsync(p => p.ResidentId == ResidentId.Parse(certno)));
        return new Seeded(ids.Item1, ids.Item2, person.PersonNo, person.Id);
    }

    internal static FeeDetailInput Line(string sn, string code, decimal cnt, decimal pric) =>
        new(sn, code, cnt, pric, Math.Round(cnt * pric, 2, MidpointRounding.AwayFromZero));

    internal static async Task<string> RegisterAndUploadAsync(TestDatabase db, InstitutionCaller caller, string psnNo, params FeeDetailInput[] lines)
    {
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(psnNo, "390", "11", Visit)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        var up = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(r.Value!.MdtrtId, lines)));
        up.Succeeded.ShouldBeTrue(string.Join("；", up.Errors.Select(e => e.Message)));
        return r.Value!.MdtrtId;
    }

    private static async Task AssertLedgerBalancedAsync(TestDatabase db)
    {
        var lines = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().ToListAsync());
        foreach (var fund in lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit), $"{fund.Key} 借贷不平");
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Settlement_prices_against_the_stored_catalog_and_active_policy_version_and_records_its_id(string provider)
    {
        // No policy files configured: reference data comes from the database (imported catalog, activated policy).
        await using var db = await TestDatabase.CreateAsync(provider);
        var seeded = await db.InScopeAsync(sp => sp.GetRequiredService<Yibao.Infrastructure.Demo.CatalogPolicySeeder>().SeedAsync("130123"));
        seeded.Succeeded.ShouldBeTrue(string.Join("；", seeded.Errors.Select(e => e.Message)));
        var version2025 = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PolicyVersions.AsNoTracking()
            .SingleAsync(p => p.EffectiveFrom.Year == 2025));
        var s = await SeedAsync(db);
        var mdtrt = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 4, 12.5m));

        var setl = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 50m)));

        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
        setl.Value!.PolicyVersion.ShouldBe($"{version2025.Code}@v{version2025.Id}");
        setl.Value.Setlinfo["medfee_sumamt"].ShouldBe(50m);
        await AssertLedgerBalancedAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Outpatient_settlement_writes_settlement_accumulators_and_balanced_postings_and_cancellation_restores_them(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var mdtrt = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 4, 12.5m), Line("2", "UNKNOWN-ITEM", 1, 10m));

        // 2206 pre-settlement computes but changes nothing.
        var pre = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 60m, PreSettle: true)));
        pre.Succeeded.ShouldBeTrue(string.Join("；", pre.Errors.Select(e => e.Message)));
        pre.Value!.SetlId.ShouldBeNull();
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.CountAsync())).ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonAccumulators.CountAsync())).ShouldBe(0);

        var setl = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 60m)));
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
        var v = setl.Value!;
        v.Setlinfo.ShouldBe(pre.Value.Setlinfo);
        v.Setlinfo["medfee_sumamt"].ShouldBe(60m);
        v.Setlinfo["fulamt_ownpay_amt"].ShouldBe(10m); // the unknown item is 全自费, not dropped
        v.Setlinfo["fund_pay_sumamt"].ShouldBe(v.Setlinfo["medfee_sumamt"] - v.Setlinfo["psn_part_amt"]);
        v.Lines.Single(l => l.GetProperty("med_list_codg").GetString() == "UNKNOWN-ITEM").GetProperty("memo").GetString().ShouldNotBeNullOrEmpty();
        v.Explanation.ShouldNotBeEmpty();
        v.PolicyVersion.ShouldBe("SFX-2025-01@v1");

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync());
        stored.FundPaySumamt.ShouldBe(v.Setlinfo["fund_pay_sumamt"]);
        var payable = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking()
            .Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable && l.InstitutionId == s.A.InstitutionId).ToListAsync());
        payable.Sum(l => l.Credit - l.Debit).ShouldBe(stored.FundPaySumamt + stored.AcctPay);
        await AssertLedgerBalancedAsync(db);
        var acc = await db.InScopeAsync(sp => sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(s.PsnNo, 2025)));
        acc.Value!.CumInfo.ShouldNotBeEmpty();

        // Settling twice is refused; cancelling someone else's settlement is "not found"; nothing changes.
        var twice = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 60m)));
        twice.Errors.Single().Code.ShouldBe(SettlementErrors.AlreadySettled);
        var foreign = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.B, new CancelSettlement(v.SetlId!)));
        foreign.Errors.Single().Code.ShouldBe(SettlementErrors.SettlementNotFound);

        // 2208: reversal entry, accumulators back to empty, nothing deleted.
        var cancel = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.A, new CancelSettlement(v.SetlId!, "患者退费")));
        cancel.Succeeded.ShouldBeTrue(string.Join("；", cancel.Errors.Select(e => e.Message)));
        cancel.Value!.Status.ShouldBe("0");
        var again = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.A, new CancelSettlement(v.SetlId!)));
        again.Errors.Single().Code.ShouldBe(SettlementErrors.AlreadyCancelled);
        var accAfter = await db.InScopeAsync(sp => sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(s.PsnNo, 2025)));
        accAfter.Value!.CumInfo.ShouldBeEmpty();
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.CountAsync())).ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(stored.JournalEntryId is null ? 0 : 2);
        var payableAfter = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking()
            .Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable).ToListAsync());
        payableAfter.Sum(l => l.Credit - l.Debit).ShouldBe(0m);
        await AssertLedgerBalancedAsync(db);

        // The encounter is open again: it can be settled anew (same figures, a new setl_id).
        var resettle = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 60m)));
        resettle.Value!.Setlinfo.ShouldBe(v.Setlinfo);
        resettle.Value.SetlId.ShouldNotBe(v.SetlId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bad_input_is_refused_with_a_code_and_nothing_is_written(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        async Task<AppError> RegisterError(InstitutionCaller c, RegisterOutpatient cmd) =>
            (await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(c, cmd))).Errors[0];

        (await RegisterError(s.A, new RegisterOutpatient("NOBODY", "390", "11", Visit))).Code.ShouldBe(SettlementErrors.PersonNotFound);
        (await RegisterError(s.A, new RegisterOutpatient(s.PsnNo, "310", "11", Visit))).Code.ShouldBe(SettlementErrors.NotCovered);
        (await RegisterError(s.A, new RegisterOutpatient(s.PsnNo, "390", "21", Visit))).Field.ShouldBe("med_type");
        (await RegisterError(s.A, new RegisterOutpatient(s.PsnNo, "390", "11", new DateOnly(2024, 6, 1)))).Code.ShouldBe(SettlementErrors.NotCovered);

        var mdtrt = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 2, 12.5m));
        async Task<AppError> UploadError(params FeeDetailInput[] lines) =>
            (await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A, new UploadFeeDetails(mdtrt, lines)))).Errors[0];
        (await UploadError(Line("2", Amoxicillin, -1, 12.5m))).Message.ShouldContain("数量 cnt");
        (await UploadError(Line("2", Amoxicillin, 1, -3m))).Message.ShouldContain("单价 pric");
        (await UploadError(Line("2", Amoxicillin, 50_000, 1m))).Message.ShouldContain("不合理");
        (await UploadError(new FeeDetailInput("2", Amoxicillin, 2, 12.5m, 99m))).Code.ShouldBe(SettlementErrors.LineAmountMismatch);
        (await UploadError(Line("1", Amoxicillin, 1, 1m))).Code.ShouldBe(SettlementErrors.DuplicateFeeDetail);
        (await UploadError(Line("3", Amoxicillin, 1, 1m), Line("3", Amoxicillin, 1, 1m))).Code.ShouldBe(SettlementErrors.DuplicateFeeDetail);
        var foreignUpload = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.B, new UploadFeeDetails(mdtrt, [Line("9", Amoxicillin, 1, 1m)])));
        foreignUpload.Errors[0].Code.ShouldBe(SettlementErrors.EncounterNotFound);

        var mismatch = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 26m)));
        mismatch.Errors.Single().Code.ShouldBe(SettlementErrors.TotalMismatch);

        // Institution under 暂停: refused before anything is read or written.
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            (await ctx.Institutions.SingleAsync(i => i.Id == s.A.InstitutionId)).Status = AgreementStatus.Suspended;
            await ctx.SaveChangesAsync();
        });
        var suspended = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 25m)));
        suspended.Errors.Single().Code.ShouldBe(SettlementErrors.InstitutionSuspended);

        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.CountAsync())).ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeeDetails.CountAsync())).ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Repeated_msgid_returns_the_stored_answer_and_a_different_request_with_it_conflicts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var mdtrt = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 4, 12.5m));
        var call = new ApiCall(s.A.InstitutionId, "MSG-0001", "2207", ApiCall.HashOf("2207", mdtrt, "{\"medfee_sumamt\":50}"));
        Task<IdempotentOutcome<SettlementView>> Run(ApiCall c) => db.InScopeAsync(sp => sp.GetRequiredService<IdempotentRequests>().RunAsync(c,
            t => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 50m), t),
            v => JsonSerializer.Serialize(v)));

        var first = await Run(call);
        first.Fresh!.Succeeded.ShouldBeTrue();
        var replay = await Run(call);
        replay.Fresh.ShouldBeNull();
        replay.StoredJson.ShouldBe(first.StoredJson);
        var conflict = await Run(call with { RequestHash = ApiCall.HashOf("2207", mdtrt, "{\"medfee_sumamt\":51}") });
        conflict.Conflict.ShouldBeTrue();
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.CountAsync())).ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ApiRequestLogs.CountAsync())).ShouldBe(1);

        // Another institution may use the same msgid: msgids are per institution.
        var otherMdtrt = await RegisterAndUploadAsync(db, s.B, s.PsnNo, Line("1", Amoxicillin, 2, 12.5m));
        var other = await db.InScopeAsync(sp => sp.GetRequiredService<IdempotentRequests>().RunAsync(new ApiCall(s.B.InstitutionId, "MSG-0001", "2207", "x"),
            t => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.B, new SettleOutpatient(otherMdtrt, 25m), t), v => JsonSerializer.Serialize(v)));
        other.Fresh!.Succeeded.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_settlements_for_one_person_are_serialised(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        const int n = 12;
        var encounters = new List<string>();
        for (var i = 0; i < n; i++)
        {
            encounters.Add(await RegisterAndUploadAsync(db, i % 2 == 0 ? s.A : s.B, s.PsnNo, Line("1", Amoxicillin, 4, 12.5m), Line("2", Amoxicillin, 2, 10m)));
        }

        var results = await Task.WhenAll(encounters.Select((m, i) => Task.Run(() => db.InScopeAsync(sp =>
            sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(i % 2 == 0 ? s.A : s.B, new SettleOutpatient(m, 70m))))));
        results.ShouldAllBe(r => r.Succeeded);

        // Serialised: each settlement starts from the previous one's accumulators, so they chain and the final row equals the sum of increments.
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().ToListAsync());
        var row = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonAccumulators.AsNoTracking().SingleAsync());
        row.Version.ShouldBe(n);
        var sum = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var st in stored)
        {
            var before = OnlineSettlement.ReadAccumulators(st.AccumulatorsBeforeJson);
            foreach (var (k, v) in OnlineSettlement.ReadAccumulators(st.AccumulatorsAfterJson))
            {
                sum[k] = sum.GetValueOrDefault(k) + v - before.GetValueOrDefault(k);
            }
        }

        OnlineSettlement.ReadAccumulators(row.ValuesJson).ShouldBe(sum.Where(kv => kv.Value != 0).ToDictionary(kv => kv.Key, kv => kv.Value));
        stored.Select(x => x.AccumulatorsBeforeJson).Distinct().Count().ShouldBe(n, "两笔结算读到了相同的累计值");
        await AssertLedgerBalancedAsync(db);
    }
}
