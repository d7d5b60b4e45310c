using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Funds;
using Yibao.Application.Review;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Review;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Review;

/// <summary>Stored rules, the 事后 run over stored fee lines, the review queue and the 扣款 postings, on both engines.</summary>
public sealed class ReviewRunAndQueueTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    // The fixture's person (顺序码 246) is a woman; the rules below flag her amoxicillin lines.
    private const string Rules = """
        { "id": "T-POST", "name": "事后测试规则集", "rules": [
          { "id": "T-XB-001", "name": "阿莫西林胶囊限男性（测试）", "type": "gender_limit", "result": "definite", "status": "enabled", "stages": ["post"],
            "parameters": { "items": ["XJ01CAA040A001010100001"], "gender": 1 } },
          { "id": "T-PC-001", "name": "阿莫西林胶囊每次不超过 30 粒（测试）", "type": "frequency", "result": "suspicious", "window": "encounter", "status": "enabled", "stages": ["post"],
            "parameters": { "items": ["XJ01CAA040A001010100001"], "max_quantity": 30 } },
          { "id": "T-DRAFT", "name": "草稿规则不运行", "type": "price_cap", "result": "definite", "status": "draft", "stages": ["post"],
            "parameters": { "items": ["XJ01CAA040A001010100001"], "max_price": 1 } } ] }
        """;

    private static Task<T> Do<T>(TestDatabase db, Func<IServiceProvider, Task<T>> f) => db.InScopeAsync(f);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Run_flags_stored_lines_auto_deducts_definite_flags_and_the_queue_posts_balanced_deductions_on_the_next_statement(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var flagged = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 40, 12.5m));
        var clean = await SettleAsync(db, s.B, s.PsnNo, Line("1", "UNKNOWN-ITEM", 1, 10m));
        clean.Setlinfo.ShouldNotBeNull();

        // Import: all or nothing, then versioned updates.
        var imported = await Do(db, sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(Rules)));
        imported.Succeeded.ShouldBeTrue(string.Join("；", imported.Errors.Select(e => e.Message)));
        imported.Value!.Created.ShouldBe(3);
        var again = await Do(db, sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(Rules.Replace("每次不超过 30 粒", "每次不超过三十粒", StringComparison.Ordinal))));
        again.Value!.ShouldBe(new ImportReviewRulesResult("T-POST", 0, 1, 2));
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewRules.SingleAsync(r => r.RuleCode == "T-PC-001"))).Version.ShouldBe(2);
        var bad = await Do(db, sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(Rules.Replace("\"max_quantity\": 30", "\"max_quantity\": 0", StringComparison.Ordinal))));
        bad.Errors.Single().Message.ShouldBe("$.rules[1].parameters.max_quantity：规则“T-PC-001”（限定频次）必须给出大于 0 的数量上限");

        // Unknown rule, bad period.
        (await Do(db, sp => sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(Visit, Visit, ["NOPE"])))).Errors.Single().Message
            .ShouldBe("规则（--rules）：“NOPE”不存在、未启用或不适用于事后审核");
        (await Do(db, sp => sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(Visit, Visit.AddDays(-1))))).Errors.Single().Message
            .ShouldBe("结束日期（--to）：不得早于开始日期");

        var run = await Do(db, sp => sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30))));
        run.Succeeded.ShouldBeTrue(string.Join("；", run.Errors.Select(e => e.Message)));
        var r = run.Value!;
        r.RuleCount.ShouldBe(2);
        r.EncounterCount.ShouldBe(2);
        r.LineCount.ShouldBe(2);
        r.FlagCount.ShouldBe(2);
        r.FlagAmount.ShouldBe(625m);
        r.AutoAccepted.ShouldBe(1);
        r.AutoDeducted.ShouldBe(500m);

        var flags = await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewFlags.AsNoTracking().OrderBy(f => f.RuleCode).ToListAsync());
        flags.Count.ShouldBe(2);
        var lineId = await Do(db, sp => sp.GetRequiredService<AppDbContext>().FeeDetails.Where(f => f.MedListCodg == Amoxicillin).Select(f => f.Id).SingleAsync());
        var encounterId = await Do(db, sp => sp.GetRequiredService<AppDbContext>().MedicalEncounters.Where(e => e.MdtrtId == flagged.MdtrtId).Select(e => e.Id).SingleAsync());
        flags[0].RuleCode.ShouldBe("T-PC-001");
        flags[0].Result.ShouldBe(ReviewResultType.Suspicious);
        flags[0].Status.ShouldBe(ReviewFlagStatus.Pending);
        flags[0].Amount.ShouldBe(125m);
        flags[0].Parameter.ShouldContain("30");
        flags[1].RuleCode.ShouldBe("T-XB-001");
        flags[1].Status.ShouldBe(ReviewFlagStatus.Accepted);
        flags[1].JournalEntryId.ShouldNotBeNull();
        foreach (var f in flags)
        {
            f.RunId.ShouldBe(r.Id);
            f.InstitutionId.ShouldBe(s.A.InstitutionId);
            f.PersonId.ShouldBe(s.PersonId);
            f.EncounterId.ShouldBe(encounterId);
            f.LineIds.ShouldBe(lineId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            f.FeeDate.ShouldBe(Visit);
            f.Insutype.ShouldBe("390");
        }

        // The queue: dismissing needs a reason; accepting posts a balanced 扣款; a decision is final and audited.
        var decide = (long id, bool accept, string? reason) => Do(db, sp => sp.GetRequiredService<DecideReviewFlagHandler>().HandleAsync(new DecideReviewFlag(id, accept, reason)));
        (await decide(flags[0].Id, false, " ")).Errors.Single().Message.ShouldBe("剔除理由：剔除疑点必须填写理由");
        db.User.UserName = "reviewer1";
        var accepted = await decide(flags[0].Id, true, "超量属实");
        accepted.Succeeded.ShouldBeTrue(string.Join("；", accepted.Errors.Select(e => e.Message)));
        accepted.Value!.DecidedBy.ShouldBe("reviewer1");
        (await decide(flags[0].Id, false, "再次处理")).Errors.Single().Code.ShouldBe(ReviewErrors.AlreadyDecided);
        (await decide(flags[1].Id, true, null)).Errors.Single().Code.ShouldBe(ReviewErrors.AlreadyDecided);
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity == nameof(ReviewFlagRecord) && a.UserName == "reviewer1"))).ShouldBeGreaterThan(0);

        var entries = await Do(db, sp => sp.GetRequiredService<AppDbContext>().JournalEntries.AsNoTracking().Include(e => e.Lines)
            .Where(e => e.SourceType == RunReviewHandler.DeductionSourceType).ToListAsync());
        entries.Count.ShouldBe(2);
        foreach (var e in entries)
        {
            e.Lines.Count.ShouldBe(2);
            e.Lines.ShouldAllBe(l => l.Fund == FundCode.ResidentPool && l.InstitutionId == s.A.InstitutionId);
            e.Lines.Single(l => l.AccountCode == LedgerAccounts.InstitutionPayable).Debit.ShouldBe(e.Lines.Single(l => l.AccountCode == LedgerAccounts.BenefitExpense).Credit);
        }

        entries.Sum(e => e.Lines.Sum(l => l.Debit)).ShouldBe(625m);
        await AssertLedgerBalancedAsync(db);

        // The deductions are on A's statement of the month they were accepted (the clock's month), netted from what A is owed.
        var st = (await Do(db, sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement(s.A.FixmedinsCode, 2026, 3)))).Value!;
        st.Deductions.Count.ShouldBe(2);
        st.TotalDeducted.ShouldBe(625m);
        // The settlement itself is dated today (the clock), so A is owed its 统筹 payment less the deductions.
        st.Funds.Single(f => f.Fund == FundCode.ResidentPool).Owed.ShouldBe(flagged.Setlinfo["hifp_pay"] - 625m);
        (await Do(db, sp => sp.GetRequiredService<GetMonthlyStatementHandler>().HandleAsync(new GetMonthlyStatement(s.B.FixmedinsCode, 2026, 3)))).Value!.Deductions.ShouldBeEmpty();

        // Queue filters and statistics.
        var search = (SearchReviewFlags q) => Do(db, sp => sp.GetRequiredService<SearchReviewFlagsHandler>().HandleAsync(q));
        (await search(new SearchReviewFlags(RunId: r.Id))).TotalCount.ShouldBe(2);
        (await search(new SearchReviewFlags(Institution: s.B.FixmedinsCode))).TotalCount.ShouldBe(0);
        (await search(new SearchReviewFlags(Rule: "T-XB-001"))).Items.Single().PsnNo.ShouldBe(s.PsnNo);
        (await search(new SearchReviewFlags(Status: ReviewFlagStatus.Pending))).TotalCount.ShouldBe(0);
        var stats = await Do(db, sp => sp.GetRequiredService<SearchReviewFlagsHandler>().StatisticsAsync(new SearchReviewFlags(RunId: r.Id)));
        var inst = stats.ByInstitution.Single();
        (inst.Key, inst.Flags, inst.Accepted, inst.Deducted, inst.Pending).ShouldBe((s.A.FixmedinsCode, 2, 2, 625m, 0));
        stats.ByRule.Select(x => (x.Key, x.Flags, x.Deducted)).ShouldBe([("T-PC-001", 1, 125m), ("T-XB-001", 1, 500m)]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Draft_test_uses_the_same_evaluation_and_stores_nothing_and_rule_edits_reach_the_inline_reviewer(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 40, 12.5m));

        var draft = new SaveReviewRule(null, "T-PRICE", "阿莫西林胶囊限价 10 元（测试）", ReviewRuleType.PriceCap, ReviewResultType.Definite, ReviewWindow.Encounter, null,
            [ReviewStage.During, ReviewStage.Post], null, null, "{}", """{ "items": ["XJ01CAA040A001010100001"], "max_price": 10 }""");
        var built = SaveReviewRuleHandler.Build(draft);
        built.Succeeded.ShouldBeTrue(string.Join("；", built.Errors.Select(e => e.Message)));
        var test = await Do(db, sp => sp.GetRequiredService<TestReviewRulesHandler>().HandleAsync(new TestReviewRules(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), [built.Value!])));
        test.Succeeded.ShouldBeTrue(string.Join("；", test.Errors.Select(e => e.Message)));
        test.Value!.FlagCount.ShouldBe(1);
        test.Value.Amount.ShouldBe(100m); // (12.5 − 10) × 40
        test.Value.Sample.Single().Institution.ShouldStartWith(s.A.FixmedinsCode);
        test.Value.ByInstitution.Single().Amount.ShouldBe(100m);
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewFlags.CountAsync())).ShouldBe(0);
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewRuns.CountAsync())).ShouldBe(0);

        // Bad JSON and bad parameters name the path.
        SaveReviewRuleHandler.Build(draft with { ParametersJson = "{ items: " }).Errors.Single().Message.ShouldStartWith("$.parameters：参数不是有效的 JSON");
        SaveReviewRuleHandler.Build(draft with { ParametersJson = """{ "items": ["X"], "max_price": -1 }""" }).Errors.Single().Message.ShouldStartWith("$.parameters.max_price：规则“T-PRICE”（超限价）");

        // Saved as draft: no 事中 reviewer; enabled: the cached reviewer is rebuilt with it; retired: gone again.
        // Each read as a request would: its own scope and context.
        Task<InlineReviewerResult> InlineAsync() => db.InScopeAsync(sp => sp.GetRequiredService<IReviewRuleSource>().GetInlineReviewerAsync(TestContext.Current.CancellationToken));
        (await InlineAsync()).Reviewer.ShouldBeNull();
        var saved = await Do(db, sp => sp.GetRequiredService<SaveReviewRuleHandler>().HandleAsync(draft));
        saved.Succeeded.ShouldBeTrue(string.Join("；", saved.Errors.Select(e => e.Message)));
        (await Do(db, sp => sp.GetRequiredService<SaveReviewRuleHandler>().HandleAsync(draft))).Errors.Single().Message.ShouldBe("$.id：规则编号“T-PRICE”已存在");
        (await InlineAsync()).Reviewer.ShouldBeNull();
        var enabled = await Do(db, sp => sp.GetRequiredService<ChangeReviewRuleStatusHandler>().HandleAsync(new ChangeReviewRuleStatus("T-PRICE", ReviewRuleStatus.Enabled)));
        enabled.Value!.Version.ShouldBe(2);
        var reviewer = (await InlineAsync()).Reviewer;
        reviewer.ShouldNotBeNull();
        reviewer.Engine.Rules.Single().Id.ShouldBe("T-PRICE");
        (await Do(db, sp => sp.GetRequiredService<ChangeReviewRuleStatusHandler>().HandleAsync(new ChangeReviewRuleStatus("T-PRICE", ReviewRuleStatus.Disabled)))).Succeeded.ShouldBeTrue();
        (await InlineAsync()).Reviewer.ShouldBeNull();

        // Export gives a file that imports back unchanged.
        var json = await Do(db, sp => sp.GetRequiredService<ExportReviewRulesHandler>().HandleAsync(new ExportReviewRules()));
        var back = await Do(db, sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(json)));
        back.Value!.Unchanged.ShouldBe(1);
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity == nameof(StoredReviewRule)))).ShouldBe(3);
    }
}
