using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Review;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Review;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Review;

/// <summary>移送稽核: a 可疑 flag becomes a 线索 case through OpenCase (one case per flag), on both engines.</summary>
public sealed class TransferReviewFlagTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const string Rules = """
        { "id": "T-MOVE", "name": "移送测试规则集", "rules": [
          { "id": "T-XB-001", "name": "阿莫西林胶囊限男性（测试）", "type": "gender_limit", "result": "definite", "status": "enabled", "stages": ["post"],
            "parameters": { "items": ["XJ01CAA040A001010100001"], "gender": 1 } },
          { "id": "T-PC-001", "name": "阿莫西林胶囊每次不超过 30 粒（测试）", "type": "frequency", "result": "suspicious", "window": "encounter", "status": "enabled", "stages": ["post"],
            "parameters": { "items": ["XJ01CAA040A001010100001"], "max_quantity": 30 } } ] }
        """;

    private static Task<T> Do<T>(TestDatabase db, Func<IServiceProvider, Task<T>> f) => db.InScopeAsync(f);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transfer_opens_a_lead_case_referencing_the_flag_and_a_second_transfer_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 40, 12.5m));
        (await Do(db, sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(Rules)))).Succeeded.ShouldBeTrue();
        var run = await Do(db, sp => sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30))));
        run.Succeeded.ShouldBeTrue(string.Join("；", run.Errors.Select(e => e.Message)));
        var flags = await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewFlags.AsNoTracking().OrderBy(f => f.RuleCode).ToListAsync());
        var suspicious = flags.Single(f => f.Result == ReviewResultType.Suspicious);
        var definite = flags.Single(f => f.Result == ReviewResultType.Definite);

        var transfer = (long id, string? reason) => Do(db, sp => sp.GetRequiredService<TransferReviewFlagHandler>().HandleAsync(new TransferReviewFlag(id, reason)));
        (await transfer(suspicious.Id, "  ")).Errors.Single().Message.ShouldBe("移送理由：不能为空");
        (await transfer(definite.Id, "明确违规也想移送")).Errors.Single().Message.ShouldContain("只有“可疑”疑点可以移送稽核");
        (await transfer(999_999, "不存在")).Errors.Single().Code.ShouldBe(ReviewErrors.FlagNotFound);
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().SupervisionCases.CountAsync())).ShouldBe(0);

        db.User.UserName = "reviewer1";
        var moved = await transfer(suspicious.Id, "同一参保人多次超量，需现场核查");
        moved.Succeeded.ShouldBeTrue(string.Join("；", moved.Errors.Select(e => e.Message)));
        var sc = await Do(db, sp => sp.GetRequiredService<AppDbContext>().SupervisionCases.AsNoTracking().SingleAsync());
        sc.Id.ShouldBe(moved.Value!.Id);
        sc.CaseNo.ShouldBe(moved.Value.CaseNo);
        sc.SourceType.ShouldBe(CaseSourceType.ReviewFlag);
        sc.SourceRef.ShouldBe(suspicious.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        sc.Status.ShouldBe(CaseStatus.Lead);
        sc.InstitutionId.ShouldBe(s.A.InstitutionId);
        sc.LeadAmount.ShouldBe(suspicious.Amount);
        sc.LeadAmount.ShouldBe(125m);
        sc.Fund.ShouldBe(FundCode.ResidentPool);
        sc.CreatedBy.ShouldBe("reviewer1");
        sc.Summary.ShouldContain("T-PC-001");
        sc.Summary.ShouldContain("同一参保人多次超量，需现场核查");

        var links = await Do(db, sp => sp.GetRequiredService<TransferReviewFlagHandler>().CasesForAsync([suspicious.Id, definite.Id]));
        links.Count.ShouldBe(1);
        links[suspicious.Id].ShouldBe(new FlagCaseLink(sc.Id, sc.CaseNo));

        // One case per flag: the second transfer gets OpenCase's error and writes nothing.
        var again = await transfer(suspicious.Id, "再次移送");
        again.Succeeded.ShouldBeFalse();
        again.Errors.Single().Message.ShouldBe($"来源编号：智能审核疑点 {suspicious.Id} 已经立过案件");
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().SupervisionCases.CountAsync())).ShouldBe(1);

        // Moving a flag does not decide it: the reviewer may still accept (扣款) it.
        (await Do(db, sp => sp.GetRequiredService<AppDbContext>().ReviewFlags.AsNoTracking().SingleAsync(f => f.Id == suspicious.Id))).Status.ShouldBe(ReviewFlagStatus.Pending);
    }
}
