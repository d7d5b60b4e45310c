using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Common;
using Yibao.Application.Funds;
using Yibao.Application.Registry;
using Yibao.Application.Review;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Review;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Review;

/// <summary>
/// 用药天数 (medc_days) from upload to the 事中 check and the 事后 run, the run's look-back before --from, deductions split by the
/// funds that paid, and one supervision case per flag — on both engines.
/// </summary>
public sealed class ReviewSeamTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const string OverSupplyRules = """
        { "id": "T-SEAM", "name": "超量开药测试规则集", "rules": [
          { "id": "T-CL-001", "name": "阿莫西林 30 天内用药不超过 30 天（跨机构，测试）", "type": "over_supply", "result": "suspicious", "window": "days", "window_days": 30,
            "status": "enabled", "stages": ["during", "post"], "parameters": { "items": ["XJ01CAA040A001010100001"], "max_days": 30 } } ] }
        """;

    private const string PriceRules = """
        { "id": "T-FUND", "name": "分基金扣款测试规则集", "rules": [
          { "id": "T-XJ-001", "name": "阿莫西林胶囊单价不超过 1 元（测试）", "type": "price_cap", "result": "suspicious", "status": "enabled", "stages": ["post"],
            "parameters": { "items": ["XJ01CAA040A001010100001"], "max_price": 1 } } ] }
        """;

    private static Task<T> Do<T>(TestDatabase db, Func<IServiceProvider, Task<T>> f) => db.InScopeAsync(f);

    private static string Msg<T>(AppResult<T> r) => string.Join("；", r.Errors.Select(e => e.Message));

    private static FeeDetailInput Drug(string sn, int days) => new(sn, Amoxicillin, 20, 1m, 20m, MedcDays: days);

    private static async Task<(string MdtrtId, AppResult<UploadedFeeDetails> Upload)> RegisterAndUploadAsync(TestDatabase db, InstitutionCaller caller, string psnNo, DateOnly on,
        params FeeDetailInput[] lines)
    {
        var r = await Do(db, sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(psnNo, "390", "11", on)));
        r.Succeeded.ShouldBeTrue(Msg(r));
        var up = await Do(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(r.Value!.MdtrtId, lines)));
        return (r.Value!.MdtrtId, up);
    }

    private static async Task<SettlementView> VisitAsync(TestDatabase db, InstitutionCaller caller, string psnNo, DateOnly on, params FeeDetailInput[] lines)
    {
        var (mdtrt, up) = await RegisterAndUploadAsync(db, caller, psnNo, on, lines);
        up.Succeeded.ShouldBeTrue(Msg(up));
        var s = await Do(db, sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(mdtrt, lines.Sum(l => l.DetItemFeeSumamt))));
        s.Succeeded.ShouldBeTrue(Msg(s));
        return s.Value!;
    }

    private static Task<long> EncounterIdAsync(TestDatabase db, string mdtrtId) =>
        Do(db, sp => sp.GetRequiredService<AppDbContext>().MedicalEncounters.Where(e => e.MdtrtId == mdtrtId).Select(e => e.Id).SingleAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Supply_days_are_validated_stored_and_reach_the_inline_check_and_a_run_that_looks_back_before_from(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        (await Do(db, sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(OverSupplyRules)))).Succeeded.ShouldBeTrue();

        // medc_days outside 0–365: a Chinese error naming the field and the rule, nothing stored.
        var (_, bad) = await RegisterAndUploadAsync(db, s.A, s.PsnNo, new DateOnly(2025, 7, 1), Drug("1", 400));
        bad.Errors.Single().Message.ShouldBe("用药天数 medc_days：须在 0–365 天之间（明细“1”为 400 天）");
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().FeeDetails.CountAsync())).ShouldBe(0);

        // 20 days at A on 6-10, then 20 more days at B on 6-20: 40 days within 30 days across institutions.
        var first = await VisitAsync(db, s.A, s.PsnNo, new DateOnly(2025, 6, 10), Drug("1", 20));
        first.Warnings.ShouldBeEmpty();
        var second = await VisitAsync(db, s.B, s.PsnNo, new DateOnly(2025, 6, 20), Drug("1", 20));
        second.Warnings.ShouldNotBeNull().Single().RuleId.ShouldBe("T-CL-001"); // 事中: the history's days of supply were counted
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().FeeDetails.Select(f => f.MedcDays).ToListAsync())).ShouldBe([20, 20]);

        // A run from 6-15 reads the first visit (before --from) as history and flags only the second one.
        var run = await Do(db, sp => sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(new DateOnly(2025, 6, 15), new DateOnly(2025, 6, 30))));
        run.Succeeded.ShouldBeTrue(Msg(run));
        (run.Value!.EncounterCount, run.Value.LineCount, run.Value.FlagCount).ShouldBe((1, 1, 1));
        var flag = await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewFlags.AsNoTracking().SingleAsync());
        var secondEncounter = await EncounterIdAsync(db, second.MdtrtId);
        flag.EncounterId.ShouldBe(secondEncounter);
        flag.InstitutionId.ShouldBe(s.B.InstitutionId);
        var secondLine = await Do(db, sp => sp.GetRequiredService<AppDbContext>().FeeDetails.Where(f => f.EncounterId == secondEncounter).Select(f => f.Id).SingleAsync());
        flag.LineIds.ShouldBe(secondLine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        flag.Reason.ShouldContain("40");

        // A run that ends before the second visit flags nothing: the first visit alone is within the limit.
        var before = await Do(db, sp => sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 14))));
        (before.Value!.EncounterCount, before.Value.FlagCount).ShouldBe((1, 0));

        // The draft test uses the same look-back.
        var rule = (await Do(db, sp => ExportReviewRulesHandler.LoadAsync(sp.GetRequiredService<IAppDbContext>(), q => q, default))).Single();
        var test = await Do(db, sp => sp.GetRequiredService<TestReviewRulesHandler>().HandleAsync(new TestReviewRules(new DateOnly(2025, 6, 15), new DateOnly(2025, 6, 30), [rule])));
        (test.Value!.Encounters, test.Value.FlagCount).ShouldBe((1, 1));

        // One case per flag: two 审核员 transferring the same flag at once get one case and one Chinese refusal.
        var transfers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            Do(db, sp => sp.GetRequiredService<TransferReviewFlagHandler>().HandleAsync(new TransferReviewFlag(flag.Id, $"超量开药，第 {i + 1} 位审核员移送")))));
        transfers.Count(t => t.Succeeded).ShouldBe(1);
        var refused = transfers.Single(t => !t.Succeeded).Errors.Single();
        refused.Code.ShouldBe("already-linked");
        refused.Message.ShouldStartWith($"来源编号：智能审核疑点 {flag.Id} 已经立过案件");

        // The database itself refuses a second case for the flag (the unique index), whatever the handler checks.
        var again = await Do(db, async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.SupervisionCases.Add(new SupervisionCase
            {
                CaseNo = "JC20269999", InstitutionId = s.B.InstitutionId, SourceType = CaseSourceType.ReviewFlag, SourceRef = TransferReviewFlagHandler.Ref(flag.Id),
                Summary = "重复", Fund = FundCode.ResidentPool, LeadAmount = 1m, ReceivedOn = new DateOnly(2026, 3, 1), CreatedBy = "tester", CreatedAt = DateTime.UtcNow,
            });
            return await Should.ThrowAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        });
        again.ShouldNotBeNull();
        // Other sources may share a reference (e.g. two manual cases from one 来文号).
        await Do(db, async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            foreach (var no in new[] { "JC20269997", "JC20269998" })
            {
                ctx.SupervisionCases.Add(new SupervisionCase
                {
                    CaseNo = no, InstitutionId = s.B.InstitutionId, SourceType = CaseSourceType.Manual, SourceRef = "来文 2026-1",
                    Summary = "手工", Fund = FundCode.ResidentPool, LeadAmount = 1m, ReceivedOn = new DateOnly(2026, 3, 1), CreatedBy = "tester", CreatedAt = DateTime.UtcNow,
                });
            }

            return await ctx.SaveChangesAsync();
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_accepted_deduction_is_split_over_the_funds_that_paid_the_flagged_stay(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        // 特困人员: 医疗救助 pays the in-scope part the 统筹基金 leaves of a stay.
        var status = await Do(db, sp => sp.GetRequiredService<AddSpecialStatusHandler>().HandleAsync(new AddSpecialStatus(s.PsnNo, "1", new DateOnly(2025, 1, 1), "民政局")));
        status.Succeeded.ShouldBeTrue(Msg(status));
        var admit = await Do(db, sp => sp.GetRequiredService<AdmitInpatientHandler>().HandleAsync(s.A,
            new AdmitInpatient(s.PsnNo, "390", Visit, "ZY0001", "0301", "J18.9", "12床")));
        admit.Succeeded.ShouldBeTrue(Msg(admit));
        var mdtrt = admit.Value!.MdtrtId;
        FeeDetailInput[] lines =
        [
            new("1", Amoxicillin, 100, 12.5m, 1250m, null, Visit, 5),
            new("2", "001102000010000", 3, 30m, 90m, null, Visit),
        ];
        var up = await Do(db, sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A, new UploadFeeDetails(mdtrt, lines), inpatient: true));
        up.Succeeded.ShouldBeTrue(Msg(up));
        (await Do(db, sp => sp.GetRequiredService<DischargeInpatientHandler>().HandleAsync(s.A, new DischargeInpatient(mdtrt, Visit.AddDays(3), "J18.9", "1")))).Succeeded.ShouldBeTrue();
        var settled = await Do(db, sp => sp.GetRequiredService<SettleInpatientHandler>().HandleAsync(s.A, new SettleInpatient(mdtrt, 1340m, "0", "0", false)));
        settled.Succeeded.ShouldBeTrue(Msg(settled));
        var setl = settled.Value!.Setlinfo;
        var hifp = setl["hifp_pay"];
        var maf = setl["maf_pay"];
        hifp.ShouldBeGreaterThan(0m);
        maf.ShouldBeGreaterThan(0m);
        (hifp + maf).ShouldBe(setl["fund_pay_sumamt"]); // no other fund paid this stay

        (await Do(db, sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(PriceRules)))).Succeeded.ShouldBeTrue();
        var run = await Do(db, sp => sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30))));
        run.Succeeded.ShouldBeTrue(Msg(run));
        var flag = await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewFlags.AsNoTracking().SingleAsync());
        flag.Amount.ShouldBe(1150m); // (12.50 − 1.00) × 100
        var accepted = await Do(db, sp => sp.GetRequiredService<DecideReviewFlagHandler>().HandleAsync(new DecideReviewFlag(flag.Id, true, "单价超限属实")));
        accepted.Succeeded.ShouldBeTrue(Msg(accepted));

        var entry = await Do(db, sp => sp.GetRequiredService<AppDbContext>().JournalEntries.AsNoTracking().Include(e => e.Lines)
            .SingleAsync(e => e.SourceType == RunReviewHandler.DeductionSourceType));
        var debits = entry.Lines.Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable).ToDictionary(l => l.Fund, l => l.Debit);
        var credits = entry.Lines.Where(l => l.AccountCode == LedgerAccounts.BenefitExpense).ToDictionary(l => l.Fund, l => l.Credit);
        debits.Keys.Order().ShouldBe([FundCode.ResidentPool, FundCode.MedicalAssistance]);
        credits.ShouldBe(debits);
        debits.Values.Sum().ShouldBe(1150m);
        var expectedPool = decimal.Round(1150m * hifp / (hifp + maf), 2, MidpointRounding.AwayFromZero);
        Math.Abs(debits[FundCode.ResidentPool] - expectedPool).ShouldBeLessThanOrEqualTo(0.01m);
        entry.Lines.ShouldAllBe(l => l.InstitutionId == s.A.InstitutionId);
        await AssertLedgerBalancedAsync(db);

        // The 月结算单 of the month accepted lists one 扣款 per fund and nets each from what that fund owes A.
        var st = (await Do(db, sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement(s.A.FixmedinsCode, 2026, 3)))).Value!;
        st.Deductions.Select(d => (d.Fund, d.Amount)).OrderBy(d => d.Fund).ShouldBe(debits.OrderBy(d => d.Key).Select(d => (d.Key, d.Value)));
        st.Funds.Single(f => f.Fund == FundCode.MedicalAssistance).Owed.ShouldBe(maf - debits[FundCode.MedicalAssistance]);
        st.Funds.Single(f => f.Fund == FundCode.ResidentPool).Owed.ShouldBe(hifp - debits[FundCode.ResidentPool]);
    }

    [Fact]
    public void Split_adds_up_to_the_amount_and_each_share_is_within_one_fen_of_pro_rata()
    {
        var fen = Gen.Long[1, 100_000_000];
        Gen.Select(fen, fen, fen, Gen.Long[0, 100_000_000]).Sample((a, p1, p2, p3) =>
        {
            var amount = a / 100m;
            var parts = new Dictionary<FundCode, decimal> { [FundCode.ResidentPool] = p1 / 100m, [FundCode.CriticalIllness] = p2 / 100m, [FundCode.MedicalAssistance] = p3 / 100m };
            var split = ReviewDeduction.Split(amount, parts);
            split.Sum(x => x.Amount).ShouldBe(amount);
            var total = parts.Values.Sum();
            foreach (var (fund, share) in split)
            {
                Math.Abs(share - (amount * parts[fund] / total)).ShouldBeLessThan(0.01m);
                decimal.Round(share, 2).ShouldBe(share);
            }
        });
        ReviewDeduction.Split(10m, new Dictionary<FundCode, decimal> { [FundCode.ResidentPool] = 0m }).ShouldBeEmpty();
        ReviewDeduction.Split(0.01m, new Dictionary<FundCode, decimal> { [FundCode.ResidentPool] = 1m, [FundCode.MedicalAssistance] = 1m })
            .ShouldBe([(FundCode.ResidentPool, 0.01m)]);
    }
}
