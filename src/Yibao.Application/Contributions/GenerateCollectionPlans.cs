using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;

namespace Yibao.Application.Contributions;

/// <summary>
/// 按月编制征收计划: for the month (and one employer, or all), one plan per employer with a line per employee of a 310
/// enrollment at the employer who was 在职 and not 暂停 that month (from the enrollment's history) and has a 核定 base for the year; amounts from the policy's
/// rates, each rounded to 分. Idempotent per employer-month: an unpaid plan is replaced, a plan with a payment is kept
/// (refused when one employer was asked for).
/// </summary>
public sealed record GenerateCollectionPlans(int Period, long? EmployerId = null);

public sealed record CollectionPlanSummary(int Period, int Plans, int Lines, decimal Total, int Replaced, int KeptPaid, int MissingBase, IReadOnlyList<string> MissingPolicies);

/// <summary>Writes a month's plans in bulk (set-based delete of the replaced unpaid plans, bulk insert of the new ones) in one transaction with one audit entry.</summary>
public interface ICollectionPlanWriter
{
    Task WriteAsync(int period, IReadOnlyCollection<long> replacedPlanIds, IReadOnlyList<CollectionPlan> plans, CollectionPlanSummary summary, CancellationToken ct = default);
}

public sealed class GenerateCollectionPlansHandler(IAppDbContext db, ICollectionPlanWriter writer, TimeProvider clock)
{
    public async Task<AppResult<CollectionPlanSummary>> HandleAsync(GenerateCollectionPlans command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (ContributionPeriod.Year(command.Period) is < 2000 or > 2100 || ContributionPeriod.Month(command.Period) is < 1 or > 12)
        {
            return AppResult<CollectionPlanSummary>.Fail(new AppError("invalid-period", "所属期：须为 yyyy-MM 格式的月份，例如 2026-11", "month"));
        }

        var first = ContributionPeriod.FirstDay(command.Period);
        var last = ContributionPeriod.LastDay(command.Period);
        var year = first.Year;
        var today = clock.TodayInChina();
        if (first > today.AddMonths(12))
        {
            return AppResult<CollectionPlanSummary>.Fail(new AppError("period-too-far", $"所属期：{ContributionPeriod.Format(command.Period)} 晚于一年以后，不能编制征收计划", "month"));
        }

        if (command.EmployerId is { } only && !await db.Employers.AnyAsync(e => e.Id == only, ct))
        {
            return AppResult<CollectionPlanSummary>.Fail(new AppError("unknown-employer", $"参保单位：未找到编号为 {only} 的单位", "emp_no"));
        }

        // Existing plans of the month and which of them have received money.
        var existingQuery = db.CollectionPlans.AsNoTracking().Where(p => p.Period == command.Period);
        var paymentQuery = db.EmployerPayments.AsNoTracking().Where(p => p.Period == command.Period);
        if (command.EmployerId is { } e1)
        {
            existingQuery = existingQuery.Where(p => p.EmployerId == e1);
            paymentQuery = paymentQuery.Where(p => p.EmployerId == e1);
        }

        var existing = await existingQuery.Select(p => new { p.Id, p.EmployerId }).ToListAsync(ct);
        var paidEmployers = (await paymentQuery.Select(p => p.EmployerId).Distinct().ToListAsync(ct)).ToHashSet();
        var keptEmployers = existing.Where(p => paidEmployers.Contains(p.EmployerId)).Select(p => p.EmployerId).ToHashSet();
        var keptPaid = keptEmployers.Count;
        if (command.EmployerId is not null && keptPaid > 0)
        {
            return AppResult<CollectionPlanSummary>.Fail(new AppError("plan-paid",
                $"所属期：{ContributionPeriod.Format(command.Period)} 的征收计划已有税务入库记录，不能重新生成", "month"));
        }

        var policies = (await db.EmployeeContributionPolicies.AsNoTracking().Where(p => p.Year == year).ToListAsync(ct))
            .ToDictionary(p => p.PoolAreaCode, StringComparer.Ordinal);

        // 310 enrollments at an employer overlapping the month, and their 核定 bases. Whether the month is planned comes from
        // the enrollment's history (events), not its current state: 在职 and not 暂停 on the month's first covered day
        // (the rule of Enrollment.ContributionMonths), so a month inside a past suspension gets no line and a month
        // before a later retirement or suspension still does.
        var enrolled = db.Enrollments.AsNoTracking().Where(e => e.InsuranceType == InsuranceType.EmployeeBasic
            && e.EmployerId != null && e.BeginDate <= last && (e.EndDate == null || e.EndDate >= first));
        var bases = db.ContributionBases.AsNoTracking().Where(b => b.Year == year);
        var employersQuery = db.Employers.AsNoTracking().Where(x => x.Status != EmployerStatus.Closed);
        if (command.EmployerId is { } e2)
        {
            enrolled = enrolled.Where(e => e.EmployerId == e2);
            bases = bases.Where(b => b.EmployerId == e2);
            employersQuery = employersQuery.Where(x => x.Id == e2);
        }

        // Two plain reads joined in memory: one index-friendly scan each, the same plan on both engines.
        var baseRows = await bases.Select(b => new { b.EmployerId, b.PersonId, b.ApprovedBase }).ToListAsync(ct);
        var baseMap = new Dictionary<(long, long), decimal>(baseRows.Count);
        foreach (var b in baseRows)
        {
            baseMap[(b.EmployerId, b.PersonId)] = b.ApprovedBase;
        }

        var candidates = await enrolled.Select(e => new { e.Id, EmployerId = e.EmployerId!.Value, e.PersonId, e.BeginDate, e.EndDate, e.Category, e.Status }).ToListAsync(ct);
        var events = (await enrolled.SelectMany(e => e.Events).Select(v => new { v.EnrollmentId, v.Kind, v.EffectiveDate, v.Category, v.Sequence }).ToListAsync(ct))
            .ToLookup(v => v.EnrollmentId);
        var rows = candidates
            .Where(e =>
            {
                var history = new Enrollment
                {
                    Id = e.Id, PersonId = e.PersonId, BeginDate = e.BeginDate, EndDate = e.EndDate, Category = e.Category, Status = e.Status, PoolAreaCode = "",
                    Events = [.. events[e.Id].Select(v => new EnrollmentEvent { EnrollmentId = v.EnrollmentId, Kind = v.Kind, EffectiveDate = v.EffectiveDate, Category = v.Category, Sequence = v.Sequence })],
                };
                var probe = e.BeginDate > first ? e.BeginDate : first;
                return history.Events.Count == 0
                    ? e.Category == PersonCategory.InService && e.Status != EnrollmentStatus.Suspended // no history stored: the current state
                    : history.StatusOn(probe) == EnrollmentStatus.Active && history.CategoryOn(probe) == PersonCategory.InService;
            })
            .Select(e => new { EmployerId = (long?)e.EmployerId, e.PersonId, Base = baseMap.TryGetValue((e.EmployerId, e.PersonId), out var v) ? v : (decimal?)null })
            .ToList();
        var employers = (await employersQuery.Select(x => new { x.Id, x.PoolAreaCode }).ToListAsync(ct)).ToDictionary(x => x.Id);

        var plans = new List<CollectionPlan>();
        var missingBase = 0;
        var missingPolicies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.EmployerId!.Value).OrderBy(g => g.Key))
        {
            if (keptEmployers.Contains(group.Key) || !employers.TryGetValue(group.Key, out var employer))
            {
                continue;
            }

            if (!policies.TryGetValue(employer.PoolAreaCode, out var policy))
            {
                missingPolicies.Add(employer.PoolAreaCode);
                continue;
            }

            var inputs = new List<PlanLineInput>();
            foreach (var r in group.DistinctBy(r => r.PersonId))
            {
                if (r.Base is { } b)
                {
                    inputs.Add(new PlanLineInput(r.PersonId, b));
                }
                else
                {
                    missingBase++;
                }
            }

            if (inputs.Count > 0)
            {
                plans.Add(CollectionMath.BuildPlan(policy, group.Key, employer.PoolAreaCode, command.Period, inputs, today));
            }
        }

        if (command.EmployerId is not null && plans.Count == 0)
        {
            return AppResult<CollectionPlanSummary>.Fail(new AppError("nothing-to-plan", missingPolicies.Count > 0
                ? $"缴费年度：统筹区 {string.Join("、", missingPolicies)} 未设置 {year} 年度职工医保缴费标准"
                : missingBase > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"缴费基数：该单位 {missingBase} 名在职职工尚未申报 {year} 年度缴费基数，请先申报")
                    : $"参保单位：{ContributionPeriod.Format(command.Period)} 没有在职职工参加职工基本医疗保险（310）", "month"));
        }

        var replaced = existing.Where(p => !keptEmployers.Contains(p.EmployerId)).Select(p => p.Id).ToList();
        var summary = new CollectionPlanSummary(command.Period, plans.Count, plans.Sum(p => p.Lines.Count), plans.Sum(p => p.TotalAmount),
            replaced.Count, keptPaid, missingBase, missingPolicies.ToList());
        await writer.WriteAsync(command.Period, replaced, plans, summary, ct);
        return AppResult<CollectionPlanSummary>.Ok(summary);
    }
}
