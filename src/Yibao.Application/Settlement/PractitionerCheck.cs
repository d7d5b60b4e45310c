using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Settlement;

/// <summary>
/// 医保医师资格 in settlement: a fee line whose 开单医师 (<c>bilg_dr_codg</c>) is suspended by a 稽核 outcome
/// (暂停医保医师资格, not overturned on appeal and not lifted) on the line's date is not paid by the funds — it becomes 全自费
/// with the reason in the explanation, as a 明确 事中审核 finding does. Lines without a practitioner code cost no query.
/// </summary>
public static class PractitionerCheck
{
    public const string RuleId = "医保医师资格";

    public static async Task<InlineReviewResult?> ApplyAsync(IAppDbContext db, IReadOnlyList<FeeDetail> lines, InlineReviewResult? findings, CancellationToken ct)
    {
        var codes = lines.Where(l => l.BilgDrCodg is not null).Select(l => l.BilgDrCodg!).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            return findings;
        }

        var suspensions = await db.CaseOutcomes.AsNoTracking()
            .Where(o => o.Kind == OutcomeKind.PractitionerSuspension && o.PractitionerCode != null && codes.Contains(o.PractitionerCode)
                && o.ReversedOn == null)
            .Join(db.SupervisionCases.AsNoTracking(), o => o.CaseId, c => c.Id, (o, c) => new { o.PractitionerCode, o.PractitionerName, o.FromDate, o.ToDate, o.LiftedOn, c.CaseNo })
            .ToListAsync(ct);
        if (suspensions.Count == 0)
        {
            return findings;
        }

        var already = (findings?.Deductions ?? []).Select(d => d.Line).ToHashSet();
        var added = new List<InlineDeduction>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.BilgDrCodg is null || already.Contains(i))
            {
                continue;
            }

            var day = line.FeeOcurDate;
            var s = suspensions.FirstOrDefault(x => x.PractitionerCode == line.BilgDrCodg
                && (x.FromDate is null || x.FromDate <= day) && (x.ToDate is null || day <= x.ToDate) && (x.LiftedOn is null || day < x.LiftedOn));
            if (s is not null)
            {
                added.Add(new InlineDeduction(i, RuleId, line.DetItemFeeSumamt,
                    $"开单医师 {s.PractitionerName}（{s.PractitionerCode}）的医保服务资格在 {s.FromDate:yyyy-MM-dd} 至 {s.ToDate:yyyy-MM-dd} 暂停（稽核案件 {s.CaseNo}），其开具的费用基金不予支付"));
            }
        }

        return added.Count == 0
            ? findings
            : new InlineReviewResult([.. findings?.Deductions ?? [], .. added], findings?.Warnings ?? [], findings?.Flags ?? []);
    }
}
