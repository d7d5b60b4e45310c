using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Admin;
using Yibao.Domain.Contributions;

namespace Yibao.Infrastructure.Persistence.Bulk;

/// <summary>
/// 征收计划 through the provider's <see cref="IBulkLoader"/>: a set-based delete of the replaced (unpaid) plans and their
/// lines, a bulk insert of the new plans and lines, and one audit entry, all in one transaction.
/// </summary>
public sealed class CollectionPlanWriter(AppDbContext db, IBulkLoader bulk, TimeProvider clock, ICurrentUser currentUser) : ICollectionPlanWriter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task WriteAsync(int period, IReadOnlyCollection<long> replacedPlanIds, IReadOnlyList<CollectionPlan> plans, CollectionPlanSummary summary, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(replacedPlanIds);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(summary);
        await using (bulk)
        {
            await bulk.BeginAsync(ct);
            var ids = replacedPlanIds.ToList();
            foreach (var chunk in ids.Chunk(5000))
            {
                await db.CollectionPlanLines.Where(l => chunk.Contains(l.PlanId)).ExecuteDeleteAsync(ct);
                await db.CollectionPlans.Where(p => chunk.Contains(p.Id)).ExecuteDeleteAsync(ct);
            }

            var planId = await db.CollectionPlans.MaxAsync(p => (long?)p.Id, ct) ?? 0;
            var lineId = await db.CollectionPlanLines.MaxAsync(l => (long?)l.Id, ct) ?? 0;
            foreach (var plan in plans)
            {
                plan.Id = ++planId;
                foreach (var line in plan.Lines)
                {
                    line.Id = ++lineId;
                    line.PlanId = plan.Id;
                }
            }

            await bulk.WriteCollectionPlansAsync(plans, ct);
            await bulk.WriteCollectionPlanLinesAsync(plans.SelectMany(p => p.Lines), ct);

            var after = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["说明"] = "按月编制征收计划",
                ["所属期"] = ContributionPeriod.Format(period),
                ["计划数"] = summary.Plans,
                ["明细数"] = summary.Lines,
                ["应缴合计"] = summary.Total,
                ["替换未缴计划"] = summary.Replaced,
                ["保留已缴计划"] = summary.KeptPaid,
                ["未申报基数人数"] = summary.MissingBase,
            };
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = currentUser.UserId,
                UserName = currentUser.UserName,
                Action = AuditActions.Added,
                Entity = "CollectionPlan",
                EntityKey = ContributionPeriod.Format(period),
                After = JsonSerializer.Serialize(after, Json),
            });
            await db.SaveChangesAsync(ct);
            await bulk.CommitAsync(ct);
        }
    }
}
