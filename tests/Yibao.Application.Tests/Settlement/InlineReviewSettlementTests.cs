using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

/// <summary>事中智能审核 inside 2206/2207 (and 2303/2304 through the same handler), with the rule set from YIBAO_REVIEW_RULES.</summary>
public sealed class InlineReviewSettlementTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Visit = new(2025, 6, 10);
    private const string Amoxicillin = "XJ01CAA040A001010100001";

    private const string GenderRule = """
        { "id": "T-XB", "name": "测试规则集", "rules": [
          { "id": "T-XB-001", "name": "阿莫西林胶囊限女性（测试）", "type": "gender_limit", "result": "definite", "status": "enabled",
            "parameters": { "items": ["XJ01CAA040A001010100001"], "gender": 2 } } ] }
        """;

    private const string FrequencyRule = """
        { "id": "T-PC", "name": "测试规则集", "rules": [
          { "id": "T-PC-001", "name": "阿莫西林胶囊每自然月不超过 30 粒（测试）", "type": "frequency", "result": "suspicious", "window": "month", "status": "enabled",
            "parameters": { "items": ["XJ01CAA040A001010100001"], "max_quantity": 30 } } ] }
        """;

    private const string UnrelatedRule = """
        { "id": "T-NONE", "name": "测试规则集", "rules": [
          { "id": "T-XB-002", "name": "黄体酮注射液限女性（测试）", "type": "gender_limit", "result": "definite", "status": "enabled",
            "parameters": { "items": ["XG03DAA095B002010100006"], "gender": 2 } } ] }
        """;

    private static Dictionary<string, string?> Settings(string? rulesJson)
    {
        var settings = new Dictionary<string, string?>(TestDatabase.SampleReferenceFiles);
        if (rulesJson is not null)
        {
            var path = Path.Combine(Path.GetTempPath(), "yibao-review-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, rulesJson);
            settings["YIBAO_REVIEW_RULES"] = path;
        }

        return settings;
    }

    private sealed record Seeded(InstitutionCaller A, string PsnNo);

    /// <summary>A male resident (odd 顺序码) enrolled in 390 from 2025-01-01 and one 一级 institution.</summary>
    private static async Task<Seeded> SeedAsync(TestDatabase db)
    {
        var a = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var i = new Institution { Code = "H13012300001", Name = "示范县第一卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            ctx.Institutions.Add(i);
            await ctx.SaveChangesAsync();
            return new InstitutionCaller(i.Id, i.Code);
        });
        var certno = ResidentId.Create("130123", new DateOnly(1960, 2, 3), 245).Value;
        ResidentId.Parse(certno).Gender.ShouldBe(Gender.Male);
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "王五", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        return new Seeded(a, reg.Value!.PersonNo);
    }

    private static FeeDetailInput Line(string sn, string code, decimal cnt, decimal pric) =>
        new(sn, code, cnt, pric, Math.Round(cnt * pric, 2, MidpointRounding.AwayFromZero));

    private static async Task<string> RegisterAndUploadAsync(TestDatabase db, InstitutionCaller caller, string psnNo, params FeeDetailInput[] lines)
    {
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(psnNo, "390", "11", Visit)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        var up = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(r.Value!.MdtrtId, lines)));
        up.Succeeded.ShouldBeTrue(string.Join("；", up.Errors.Select(e => e.Message)));
        return r.Value!.MdtrtId;
    }

    private static Task<Yibao.Application.Common.AppResult<SettlementView>> SettleAsync(TestDatabase db, InstitutionCaller caller, string mdtrt, decimal total, bool pre = false) =>
        db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(mdtrt, total, PreSettle: pre)));

    /// <summary>The same encounter (250 元 of amoxicillin plus 30 元 of 一般诊疗费-free lines) settled in a database with the given rules.</summary>
    private static async Task<(SettlementView View, TestDatabase Db, Seeded Seeded)> SettleOnceAsync(string provider, string? rulesJson)
    {
        var db = await TestDatabase.CreateAsync(provider, Settings(rulesJson));
        var s = await SeedAsync(db);
        var mdtrt = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 20, 12.5m));
        var setl = await SettleAsync(db, s.A, mdtrt, 250m);
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
        return (setl.Value!, db, s);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Gender_limited_item_for_a_man_is_full_self_pay_with_the_rules_reason_and_the_fund_pays_less(string provider)
    {
        var (plain, plainDb, _) = await SettleOnceAsync(provider, null);
        await plainDb.DisposeAsync();
        plain.Setlinfo["fund_pay_sumamt"].ShouldBeGreaterThan(0m);

        await using var db = await TestDatabase.CreateAsync(provider, Settings(GenderRule));
        var s = await SeedAsync(db);
        var mdtrt = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 20, 12.5m));

        // 2206 pre-settlement already applies the review and writes nothing.
        var pre = await SettleAsync(db, s.A, mdtrt, 250m, pre: true);
        pre.Succeeded.ShouldBeTrue(string.Join("；", pre.Errors.Select(e => e.Message)));
        pre.Value!.Setlinfo["fulamt_ownpay_amt"].ShouldBe(250m);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.CountAsync())).ShouldBe(0);

        var setl = await SettleAsync(db, s.A, mdtrt, 250m);
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
        var v = setl.Value!;
        v.Setlinfo.ShouldBe(pre.Value.Setlinfo);
        v.Setlinfo["fulamt_ownpay_amt"].ShouldBe(250m);
        v.Setlinfo["inscp_scp_amt"].ShouldBe(0m);
        v.Setlinfo["fund_pay_sumamt"].ShouldBe(0m);
        v.Setlinfo["fund_pay_sumamt"].ShouldBeLessThan(plain.Setlinfo["fund_pay_sumamt"]);
        v.Setlinfo["psn_cash_pay"].ShouldBe(250m);
        var line = v.Lines.Single();
        line.GetProperty("fulamt_ownpay_amt").GetDecimal().ShouldBe(250m);
        var memo = line.GetProperty("memo").GetString()!;
        memo.ShouldContain("T-XB-001");
        memo.ShouldContain("阿莫西林胶囊限女性（测试）");
        v.Explanation.ShouldContain(x => x.Contains("明确违规", StringComparison.Ordinal) && x.Contains("T-XB-001", StringComparison.Ordinal) && x.Contains("转全自费", StringComparison.Ordinal));
        v.Warnings.ShouldNotBeNull().ShouldBeEmpty();

        // Stored as computed: the record, no fund postings (nothing paid), the explanation kept for 5205/the detail page.
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync());
        stored.FundPaySumamt.ShouldBe(0m);
        stored.FulamtOwnpayAmt.ShouldBe(250m);
        stored.ExplanationJson.ShouldContain("T-XB-001");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Suspicious_frequency_over_the_month_with_history_returns_a_stored_warning_and_settles_normally(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Settings(FrequencyRule));
        var s = await SeedAsync(db);

        // History: 20 capsules settled earlier in June; alone that is within the 30 per month.
        var first = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 20, 12.5m));
        var firstSetl = await SettleAsync(db, s.A, first, 250m);
        firstSetl.Succeeded.ShouldBeTrue(string.Join("；", firstSetl.Errors.Select(e => e.Message)));
        firstSetl.Value!.Warnings.ShouldNotBeNull().ShouldBeEmpty();

        // Now 20 more in the same month: 40 > 30 is 可疑 — a warning naming the line, the money is settled as usual.
        var second = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("A1", Amoxicillin, 20, 12.5m));
        var pre = await SettleAsync(db, s.A, second, 250m, pre: true);
        pre.Value!.Warnings.ShouldNotBeNull().Single().RuleId.ShouldBe("T-PC-001");
        var setl = await SettleAsync(db, s.A, second, 250m);
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
        var v = setl.Value!;
        var w = v.Warnings.ShouldNotBeNull().Single();
        w.RuleId.ShouldBe("T-PC-001");
        w.FeedetlSn.ShouldBe(["A1"]);
        w.Message.ShouldContain("阿莫西林胶囊每自然月不超过 30 粒（测试）");
        w.Amount.ShouldBeGreaterThan(0m);
        v.Setlinfo["fulamt_ownpay_amt"].ShouldBe(0m);
        v.Setlinfo["fund_pay_sumamt"].ShouldBeGreaterThan(0m);
        v.Explanation.ShouldContain(x => x.Contains("可疑 [T-PC-001]", StringComparison.Ordinal));

        // Stored with the settlement in the same transaction, and returned again when the settlement is read (5203).
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync(x => x.SetlId == v.SetlId));
        stored.ReviewWarningsJson.ShouldNotBeNull().ShouldContain("T-PC-001");
        var read = await db.InScopeAsync(sp => sp.GetRequiredService<GetSettlementHandler>().HandleAsync(s.A, v.SetlId!));
        read.Value!.Warnings.ShouldNotBeNull().Single().FeedetlSn.ShouldBe(["A1"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task No_rules_or_rules_that_do_not_apply_give_the_same_result_as_before(string provider)
    {
        var (plain, plainDb, _) = await SettleOnceAsync(provider, null);
        await plainDb.DisposeAsync();
        var (other, otherDb, _) = await SettleOnceAsync(provider, UnrelatedRule);
        await otherDb.DisposeAsync();

        other.Setlinfo.ShouldBe(plain.Setlinfo);
        other.Lines.Select(l => l.GetRawText()).ShouldBe(plain.Lines.Select(l => l.GetRawText()));
        plain.Warnings.ShouldNotBeNull().ShouldBeEmpty();
        other.Warnings.ShouldNotBeNull().ShouldBeEmpty();
        plain.Explanation.ShouldNotContain(x => x.Contains("智能审核", StringComparison.Ordinal));
        other.Explanation.ShouldContain(x => x.Contains("未发现违规", StringComparison.Ordinal));
        other.Explanation.Where(x => !x.Contains("智能审核", StringComparison.Ordinal)).ShouldBe(plain.Explanation);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_invalid_rule_file_refuses_settlement_with_a_chinese_error_and_writes_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Settings("""{ "id": "X", "name": "坏", "rules": [ { "id": "R1" } ] }"""));
        var s = await SeedAsync(db);
        var mdtrt = await RegisterAndUploadAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 4, 12.5m));

        var setl = await SettleAsync(db, s.A, mdtrt, 50m);

        var error = setl.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(SettlementErrors.ReviewRulesInvalid);
        error.Message.ShouldContain("YIBAO_REVIEW_RULES");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.CountAsync())).ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Inpatient_pre_settlement_and_settlement_apply_the_same_review(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Settings(GenderRule));
        var s = await SeedAsync(db);
        var admit = await db.InScopeAsync(sp => sp.GetRequiredService<AdmitInpatientHandler>().HandleAsync(s.A,
            new AdmitInpatient(s.PsnNo, "390", Visit, "ZY0001", "0301", "J18.9", "12床")));
        admit.Succeeded.ShouldBeTrue(string.Join("；", admit.Errors.Select(e => e.Message)));
        var mdtrt = admit.Value!.MdtrtId;
        var up = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A,
            new UploadFeeDetails(mdtrt, [Line("1", Amoxicillin, 20, 12.5m)]), inpatient: true));
        up.Succeeded.ShouldBeTrue(string.Join("；", up.Errors.Select(e => e.Message)));
        var dis = await db.InScopeAsync(sp => sp.GetRequiredService<DischargeInpatientHandler>().HandleAsync(s.A, new DischargeInpatient(mdtrt, Visit.AddDays(3), "J18.9", "1")));
        dis.Succeeded.ShouldBeTrue(string.Join("；", dis.Errors.Select(e => e.Message)));

        var pre = await db.InScopeAsync(sp => sp.GetRequiredService<SettleInpatientHandler>().HandleAsync(s.A, new SettleInpatient(mdtrt, 250m, "0", "0", true)));
        pre.Succeeded.ShouldBeTrue(string.Join("；", pre.Errors.Select(e => e.Message)));
        pre.Value!.Setlinfo["fulamt_ownpay_amt"].ShouldBe(250m);
        var setl = await db.InScopeAsync(sp => sp.GetRequiredService<SettleInpatientHandler>().HandleAsync(s.A, new SettleInpatient(mdtrt, 250m, "0", "0", false)));
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
        setl.Value!.Setlinfo["fulamt_ownpay_amt"].ShouldBe(250m);
        setl.Value.Setlinfo["fund_pay_sumamt"].ShouldBe(0m);
        setl.Value.Lines.Single().GetProperty("memo").GetString().ShouldNotBeNull().ShouldContain("T-XB-001");
    }
}
