using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>基金监管年度汇总 for one year (by the dates of each event: 检查日期, 立案/决定/结案日期, 受理日期, 发放日期).</summary>
public sealed record GetSupervisionSummary(int Year);

/// <summary>Counts split into 定点医疗机构 (医院、基层医疗机构、村卫生室) and 定点零售药店.</summary>
public sealed record SplitCount(int Medical, int Pharmacy)
{
    public int Total => Medical + Pharmacy;
}

public sealed record BreachInstitution(string Code, string Name, InstitutionType Type, int Cases, decimal Recovered, decimal Penalty, decimal Paid, bool Suspended);

public sealed record SupervisionSummary(
    int Year,
    SplitCount Designated,
    SplitCount Inspected,
    int Inspections,
    int Findings,
    decimal FindingAmount,
    int Leads,
    int CasesFiled,
    int CasesDismissed,
    int CasesDecided,
    int CasesClosed,
    SplitCount InBreach,
    decimal Recovered,
    decimal Penalty,
    decimal Paid,
    int InstitutionsSuspended,
    int PractitionersSuspended,
    int Complaints,
    int ComplaintsLinked,
    int RewardsGranted,
    decimal RewardsGrantedAmount,
    int RewardsPaid,
    decimal RewardsPaidAmount,
    IReadOnlyList<BreachInstitution> Breaches)
{
    /// <summary>稽核覆盖率 (%): institutions inspected ÷ designated institutions (not 解除), 2 decimals.</summary>
    public decimal? Coverage => Money.Percent(Inspected.Total, Designated.Total);

    public decimal Outstanding => Recovered + Penalty - Paid;
}

public sealed class GetSupervisionSummaryHandler(IAppDbContext db)
{
    public static bool IsPharmacy(InstitutionType t) => t == InstitutionType.Pharmacy;

    public async Task<SupervisionSummary> HandleAsync(GetSupervisionSummary query, CancellationToken ct = default)
    {
        var from = new DateOnly(query.Year, 1, 1);
        var to = new DateOnly(query.Year, 12, 31);
        var types = await db.Institutions.AsNoTracking().Select(i => new { i.Id, i.Code, i.Name, i.Type, i.Status }).ToDictionaryAsync(i => i.Id, ct);
        SplitCount Split(IEnumerable<long> ids)
        {
            var list = ids.Distinct().Select(id => types[id].Type).ToList();
            return new SplitCount(list.Count(t => !IsPharmacy(t)), list.Count(IsPharmacy));
        }

        var designated = Split(types.Values.Where(i => i.Status != AgreementStatus.Terminated).Select(i => i.Id));
        var inspections = await db.Inspections.AsNoTracking().Include(i => i.Findings).Where(i => i.InspectedOn >= from && i.InspectedOn <= to).ToListAsync(ct);
        var cases = await db.SupervisionCases.AsNoTracking().Include(c => c.Outcomes)
            .Where(c => (c.ReceivedOn >= from && c.ReceivedOn <= to) || (c.FiledOn >= from && c.FiledOn <= to) || (c.DecidedOn >= from && c.DecidedOn <= to)
                || (c.ClosedOn >= from && c.ClosedOn <= to)).ToListAsync(ct);
        bool In(DateOnly? d) => d is { } x && x >= from && x <= to;
        var decided = cases.Where(c => In(c.DecidedOn)).ToList();
        // Outcomes overturned on appeal (申诉改判) no longer count; 已到账 is what was paid, partial payments included.
        var outcomes = decided.SelectMany(c => c.Outcomes).Where(o => o.ReversedOn == null).ToList();
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => (c.ReceivedOn >= from && c.ReceivedOn <= to) || (c.RewardGrantedOn >= from && c.RewardGrantedOn <= to) || (c.RewardPaidOn >= from && c.RewardPaidOn <= to))
            .ToListAsync(ct);
        var received = complaints.Where(c => In(c.ReceivedOn)).ToList();
        var granted = complaints.Where(c => In(c.RewardGrantedOn)).ToList();
        var paid = complaints.Where(c => In(c.RewardPaidOn)).ToList();
        var breaches = decided.GroupBy(c => c.InstitutionId).Select(g =>
        {
            var i = types[g.Key];
            var o = g.SelectMany(c => c.Outcomes).Where(x => x.ReversedOn == null).ToList();
            return new BreachInstitution(i.Code, i.Name, i.Type, g.Count(),
                o.Where(x => x.Kind == OutcomeKind.Recovery).Sum(x => x.Amount), o.Where(x => x.Kind == OutcomeKind.Penalty).Sum(x => x.Amount),
                o.Where(x => x.IsMoney).Sum(x => x.Paid), o.Any(x => x.Kind == OutcomeKind.InstitutionSuspension));
        }).OrderBy(b => IsPharmacy(b.Type)).ThenBy(b => b.Code, StringComparer.Ordinal).ToList();

        return new SupervisionSummary(
            query.Year,
            designated,
            Split(inspections.Select(i => i.InstitutionId)),
            inspections.Count,
            inspections.Sum(i => i.Findings.Count),
            inspections.Sum(i => i.Findings.Sum(f => f.Amount)),
            cases.Count(c => In(c.ReceivedOn)),
            cases.Count(c => In(c.FiledOn)),
            cases.Count(c => c.Status == CaseStatus.Dismissed && In(c.ClosedOn)),
            decided.Count,
            cases.Count(c => c.Status == CaseStatus.Closed && In(c.ClosedOn)),
            Split(decided.Select(c => c.InstitutionId)),
            outcomes.Where(o => o.Kind == OutcomeKind.Recovery).Sum(o => o.Amount),
            outcomes.Where(o => o.Kind == OutcomeKind.Penalty).Sum(o => o.Amount),
            outcomes.Where(o => o.IsMoney).Sum(o => o.Paid),
            decided.Where(c => c.Outcomes.Any(o => o.Kind == OutcomeKind.InstitutionSuspension && o.ReversedOn == null)).Select(c => c.InstitutionId).Distinct().Count(),
            outcomes.Count(o => o.Kind == OutcomeKind.PractitionerSuspension),
            received.Count,
            received.Count(c => c.CaseId != null),
            granted.Count,
            granted.Sum(c => c.RewardAmount ?? 0m),
            paid.Count,
            paid.Sum(c => c.RewardAmount ?? 0m),
            breaches);
    }

    /// <summary>One-paragraph Chinese summary in the shape of the agencies' annual narratives (figures only; 万元 with 2 decimals).</summary>
    public static string Narrative(SupervisionSummary s)
    {
        var paidText = s.Recovered + s.Penalty == 0 ? "" : s.Outstanding == 0 ? "，已全部到账" : $"，已到账 {Money.FormatWanYuan(s.Paid)} 万元";
        return $"{s.Year} 年现场检查定点医药机构 {s.Inspected.Total} 家（定点医疗机构 {s.Inspected.Medical} 家、定点零售药店 {s.Inspected.Pharmacy} 家）"
            + (s.Coverage is { } cov ? $"，稽核覆盖率 {cov:0.00}%" : "")
            + $"；查处存在违规行为的定点医疗机构 {s.InBreach.Medical} 家、定点零售药店 {s.InBreach.Pharmacy} 家，追回医保基金 {Money.FormatWanYuan(s.Recovered)} 万元，"
            + $"违约金 {Money.FormatWanYuan(s.Penalty)} 万元{paidText}；立案 {s.CasesFiled} 件、结案 {s.CasesClosed} 件；受理举报 {s.Complaints} 件，"
            + $"发放举报奖励 {s.RewardsPaid} 笔 {Money.FormatYuan(s.RewardsPaidAmount)} 元。";
    }

    /// <summary>Excel rows: 指标 / 医疗机构 / 零售药店 / 合计 (amounts in 元).</summary>
    public static List<Dictionary<string, object?>> ToRows(SupervisionSummary s)
    {
        Dictionary<string, object?> Row(string name, object? medical, object? pharmacy, object? total, string unit) =>
            new() { ["指标"] = name, ["定点医疗机构"] = medical, ["定点零售药店"] = pharmacy, ["合计"] = total, ["单位"] = unit };
        return
        [
            Row("定点医药机构数（协议未解除）", s.Designated.Medical, s.Designated.Pharmacy, s.Designated.Total, "家"),
            Row("现场检查机构数", s.Inspected.Medical, s.Inspected.Pharmacy, s.Inspected.Total, "家"),
            Row("稽核覆盖率", null, null, s.Coverage, "%"),
            Row("现场检查次数", null, null, s.Inspections, "次"),
            Row("检查发现问题", null, null, s.Findings, "个"),
            Row("问题涉及金额", null, null, s.FindingAmount, "元"),
            Row("查处违规机构数", s.InBreach.Medical, s.InBreach.Pharmacy, s.InBreach.Total, "家"),
            Row("追回医保基金", Sum(s, false, b => b.Recovered), Sum(s, true, b => b.Recovered), s.Recovered, "元"),
            Row("违约金", Sum(s, false, b => b.Penalty), Sum(s, true, b => b.Penalty), s.Penalty, "元"),
            Row("追回款及违约金已到账", Sum(s, false, b => b.Paid), Sum(s, true, b => b.Paid), s.Paid, "元"),
            Row("暂停协议机构数", null, null, s.InstitutionsSuspended, "家"),
            Row("暂停医保医师人数", null, null, s.PractitionersSuspended, "人"),
            Row("登记线索", null, null, s.Leads, "件"),
            Row("立案", null, null, s.CasesFiled, "件"),
            Row("不予立案", null, null, s.CasesDismissed, "件"),
            Row("作出处理决定", null, null, s.CasesDecided, "件"),
            Row("结案", null, null, s.CasesClosed, "件"),
            Row("受理举报", null, null, s.Complaints, "件"),
            Row("举报转案件", null, null, s.ComplaintsLinked, "件"),
            Row("核定举报奖励", null, null, s.RewardsGrantedAmount, "元"),
            Row("发放举报奖励", null, null, s.RewardsPaidAmount, "元"),
        ];
    }

    public static List<Dictionary<string, object?>> BreachRows(SupervisionSummary s) =>
        s.Breaches.Select(b => new Dictionary<string, object?>
        {
            ["机构编号"] = b.Code,
            ["机构名称"] = b.Name,
            ["类别"] = IsPharmacy(b.Type) ? "定点零售药店" : "定点医疗机构",
            ["案件数"] = b.Cases,
            ["追回金额（元）"] = b.Recovered,
            ["违约金（元）"] = b.Penalty,
            ["已到账（元）"] = b.Paid,
            ["暂停协议"] = b.Suspended ? "是" : "否",
        }).ToList();

    private static decimal Sum(SupervisionSummary s, bool pharmacy, Func<BreachInstitution, decimal> f) => s.Breaches.Where(b => IsPharmacy(b.Type) == pharmacy).Sum(f);
}
