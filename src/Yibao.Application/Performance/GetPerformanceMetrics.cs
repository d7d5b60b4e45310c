using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Performance;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Performance;

/// <summary>运行指标在一个期间的值（预算年度 1 月 1 日至截止日）。</summary>
public sealed record GetPerformanceMetrics(int Year, DateOnly AsOf);

/// <summary>一个运行指标的值；无法计算时 Value 为空并说明原因。</summary>
public sealed record MetricValue(MetricDefinition Metric, decimal? Value, string? Note);

public sealed record MetricSnapshot(MetricPeriod Period, IReadOnlyList<MetricValue> Values, PopulationBaseline? Baseline)
{
    public MetricValue? this[string id] => Values.FirstOrDefault(v => string.Equals(v.Metric.Id, id, StringComparison.Ordinal));
}

/// <summary>
/// Computes every metric of <see cref="MetricCatalog"/> with aggregate queries (one per family, grouped in the database),
/// so the cost does not grow with rows read into memory (250k persons: a handful of COUNT/SUM queries).
/// </summary>
public sealed class GetPerformanceMetricsHandler(IAppDbContext db)
{
    public async Task<MetricSnapshot> HandleAsync(GetPerformanceMetrics query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var period = MetricPeriod.For(query.Year, query.AsOf);
        var d = period.End;

        // 参保：期末日已开始、未终止、不在暂停期间（有一次不晚于 d 的暂停，且其后到 d 为止没有恢复）。
        var active = db.Enrollments.AsNoTracking()
            .Where(e => (e.InsuranceType == InsuranceType.EmployeeBasic || e.InsuranceType == InsuranceType.ResidentBasic)
                && e.BeginDate <= d && (e.EndDate == null || e.EndDate >= d)
                && !e.Events.Any(s => s.Kind == EnrollmentEventKind.Suspended && s.EffectiveDate <= d
                    && !e.Events.Any(r => r.Kind == EnrollmentEventKind.Resumed && r.EffectiveDate >= s.EffectiveDate && r.EffectiveDate <= d)));
        var byType = await active.GroupBy(e => e.InsuranceType).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var persons = await active.Select(e => e.PersonId).Distinct().CountAsync(ct);
        var baseline = await db.PopulationBaselines.AsNoTracking().FirstOrDefaultAsync(b => b.Year == query.Year, ct);

        // 征缴：缴费年度 = 预算年度，到账日期 ≤ d。
        var contributions = db.ResidentContributions.AsNoTracking().Where(c => c.Year == query.Year && c.PaidOn <= d);
        var paid = await contributions.GroupBy(c => 1).Select(g => new
        {
            Persons = g.Select(c => c.PersonId).Distinct().Count(),
            Amount = g.Sum(c => c.IndividualAmount),
        }).FirstOrDefaultAsync(ct);
        var sponsored = await contributions.Where(c => c.SponsoredAmount > 0).GroupBy(c => 1).Select(g => new
        {
            Persons = g.Select(c => c.PersonId).Distinct().Count(),
            Amount = g.Sum(c => c.SponsoredAmount),
        }).FirstOrDefaultAsync(ct);

        // 结算：结算日期在期间内、未撤销。
        var settled = db.Settlements.AsNoTracking().Where(s => s.Status == SettlementStatus.Settled && s.SetlDate >= period.Start && s.SetlDate <= d);
        var assistance = await settled.Where(s => s.MafPay > 0).GroupBy(s => 1)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(s => s.MafPay) }).FirstOrDefaultAsync(ct);
        var oneStop = await settled.Where(s => s.HifpPay > 0 && (s.HifmiPay > 0 || s.MafPay > 0)).GroupBy(s => 1)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(s => s.HifpPay + s.HifmiPay + s.MafPay) }).FirstOrDefaultAsync(ct);

        var institutions = await db.Institutions.AsNoTracking().CountAsync(i => i.Status == AgreementStatus.Active, ct);

        decimal Count(InsuranceType t) => byType.FirstOrDefault(x => x.Key == t)?.Count ?? 0;
        var values = new List<MetricValue>();
        void Add(string id, decimal? value, string? note = null) => values.Add(new MetricValue(MetricCatalog.Find(id)!, value, note));
        Add(MetricCatalog.EnrolledBasic, persons);
        Add(MetricCatalog.EnrolledEmployee, Count(InsuranceType.EmployeeBasic));
        Add(MetricCatalog.EnrolledResident, Count(InsuranceType.ResidentBasic));
        var rate = MetricMath.Rate(persons, baseline?.Population);
        Add(MetricCatalog.CoverageRate, rate, rate is null ? $"未录入 {query.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)} 年人口基数" : null);
        Add(MetricCatalog.ResidentPaidPersons, paid?.Persons ?? 0);
        Add(MetricCatalog.ResidentPaidAmount, paid?.Amount ?? 0m);
        Add(MetricCatalog.SponsoredPersons, sponsored?.Persons ?? 0);
        Add(MetricCatalog.SponsoredAmount, sponsored?.Amount ?? 0m);
        Add(MetricCatalog.AssistanceCount, assistance?.Count ?? 0);
        Add(MetricCatalog.AssistanceAmount, assistance?.Amount ?? 0m);
        Add(MetricCatalog.OneStopCount, oneStop?.Count ?? 0);
        Add(MetricCatalog.OneStopAmount, oneStop?.Amount ?? 0m);
        Add(MetricCatalog.ActiveInstitutions, institutions);
        return new MetricSnapshot(period, values, baseline);
    }
}
