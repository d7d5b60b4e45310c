using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Supervision;
using Yibao.Domain.Review;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Review;

/// <summary>
/// 移送稽核: a 审核员 hands a 可疑 review flag to supervision as a 线索 with a short reason. The case is opened by
/// <see cref="OpenCaseHandler"/> with <c>SourceType=ReviewFlag, SourceRef</c> = the flag's id (one case per flag — a second transfer gets
/// OpenCase's error); institution, fund (from the encounter's 险种) and amount come from the flag.
/// </summary>
public sealed record TransferReviewFlag(long FlagId, string? Reason);

/// <summary>The case a flag was transferred to.</summary>
public sealed record FlagCaseLink(long CaseId, string CaseNo);

public sealed class TransferReviewFlagHandler(IAppDbContext db, OpenCaseHandler open, TimeProvider clock)
{
    public const int MaxReason = 200;

    public async Task<AppResult<SupervisionCase>> HandleAsync(TransferReviewFlag c, CancellationToken ct = default)
    {
        var reason = (c.Reason ?? "").Trim();
        if (reason.Length == 0)
        {
            return Fail("移送理由：不能为空", "reason", ReviewErrors.Validation);
        }

        if (reason.Length > MaxReason)
        {
            return Fail($"移送理由：不能超过 {MaxReason} 个字", "reason", ReviewErrors.Validation);
        }

        var flag = await db.ReviewFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == c.FlagId, ct);
        if (flag is null)
        {
            return Fail($"疑点：编号 {c.FlagId} 不存在", "flag", ReviewErrors.FlagNotFound);
        }

        if (flag.Result != ReviewResultType.Suspicious)
        {
            return Fail($"疑点：编号 {flag.Id} 是“明确”违规（已自动扣款），只有“可疑”疑点可以移送稽核", "flag", ReviewErrors.Validation);
        }

        if (flag.Status == ReviewFlagStatus.Dismissed)
        {
            return Fail($"疑点：编号 {flag.Id} 已剔除，不能移送稽核", "flag", ReviewErrors.AlreadyDecided);
        }

        var institutionCode = await db.Institutions.Where(i => i.Id == flag.InstitutionId).Select(i => i.Code).SingleAsync(ct);
        var summary = $"智能审核疑点 {flag.Id}（{flag.RuleCode} {flag.RuleName}）移送稽核：{reason}";
        return await open.HandleAsync(new OpenCase(CaseSourceType.ReviewFlag, Ref(flag.Id), institutionCode, summary, RunReviewHandler.FundOf(flag.Insutype),
            flag.Amount, clock.TodayInChina()), ct);
    }

    /// <summary>The cases opened from these flags (by flag id).</summary>
    public async Task<IReadOnlyDictionary<long, FlagCaseLink>> CasesForAsync(IReadOnlyCollection<long> flagIds, CancellationToken ct = default)
    {
        if (flagIds.Count == 0)
        {
            return new Dictionary<long, FlagCaseLink>();
        }

        var refs = flagIds.Select(Ref).ToList();
        var cases = await db.SupervisionCases.AsNoTracking().Where(x => x.SourceType == CaseSourceType.ReviewFlag && refs.Contains(x.SourceRef))
            .Select(x => new { x.Id, x.CaseNo, x.SourceRef }).ToListAsync(ct);
        return cases.ToDictionary(x => long.Parse(x.SourceRef, CultureInfo.InvariantCulture), x => new FlagCaseLink(x.Id, x.CaseNo));
    }

    public static string Ref(long flagId) => flagId.ToString(CultureInfo.InvariantCulture);

    private static AppResult<SupervisionCase> Fail(string message, string field, string code) => AppResult<SupervisionCase>.Fail(new AppError(code, message, field));
}
