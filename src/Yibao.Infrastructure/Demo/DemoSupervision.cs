using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Supervision;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Infrastructure.Demo;

/// <summary>What the demo's 打击欺诈骗保 campaign wrote.</summary>
public sealed record DemoSupervisionResult(int Inspected, int InBreachMedical, int InBreachPharmacy, int Cases, decimal Recovered, decimal Penalty, decimal Paid, int Suspended);

/// <summary>
/// 示范县's year of fund supervision at the scale 米易 reported for its 打击欺诈骗保 campaign (figures as facts, our own data): one
/// 专项检查 plan over up to 20 定点医疗机构 and 40 定点零售药店, of which up to 14 and 26 are found in breach; each finding becomes a case
/// (立案 → 调查 → 处理决定) with 追回 and 违约金 that add up to 5.55 万元 and 10.89 万元, most paid (a few in part, two not yet), one
/// pharmacy's agreement suspended. Everything goes through the real handlers, so every amount has its balanced ledger entries.
/// Dates lie in the demo year (<see cref="DemoCareGenerator.Year"/>), never after today.
/// </summary>
public sealed class DemoSupervisionSeeder(AppDbContext db, CreateInspectionPlanHandler plans, RecordInspectionHandler inspect, AddInspectionFindingHandler findings,
    OpenCaseHandler open, AdvanceCaseHandler advance, DecideCaseHandler decide, RecordOutcomePaymentHandler pay, TimeProvider clock)
{
    public const decimal Recovered = 55_500m;
    public const decimal Penalties = 108_900m;
    public const int MedicalInBreach = 14;
    public const int PharmaciesInBreach = 26;

    /// <summary>The first case is punished at 1 × its recovery, the others at 2 ×: 2,100 + 2 × 53,400 = 108,900.</summary>
    private const decimal SingleMultipleRecovery = 2_100m;

    private static readonly string[] MedicalFindings =
    [
        "虚记床位费、护理费", "串换诊疗项目收费", "分解住院", "挂床住院", "超标准收费", "重复收取检查费用", "无指征检查",
    ];

    private static readonly string[] PharmacyFindings =
    [
        "串换药品（以生活用品串换医保药品）", "超量开药", "留存、盗刷医保凭证", "进销存不符", "超限价销售药品",
    ];

    public async Task<AppResult<DemoSupervisionResult>> SeedAsync(CancellationToken ct = default)
    {
        if (await db.SupervisionCases.AnyAsync(ct) || await db.InspectionPlans.AnyAsync(ct))
        {
            return AppResult<DemoSupervisionResult>.Fail(new AppError("supervision-not-empty", "数据库中已有稽核数据：演示基金监管数据只能写入没有检查计划和案件的库"));
        }

        var institutions = await db.Institutions.AsNoTracking().Where(i => i.PoolAreaCode == DemoCountyGenerator.CountyCode && i.Status == AgreementStatus.Active)
            .OrderBy(i => i.Code).Select(i => new { i.Code, i.Type }).ToListAsync(ct);
        // Hospitals and 卫生院 first among the medical institutions (the larger payees), then clinics.
        var medical = institutions.Where(i => i.Type != InstitutionType.Pharmacy).OrderBy(i => i.Type == InstitutionType.VillageClinic).ThenBy(i => i.Code, StringComparer.Ordinal)
            .Take(20).Select(i => i.Code).ToList();
        var pharmacies = institutions.Where(i => i.Type == InstitutionType.Pharmacy).Take(40).Select(i => i.Code).ToList();
        if (medical.Count + pharmacies.Count == 0)
        {
            return AppResult<DemoSupervisionResult>.Fail(new AppError("registry-empty", $"数据库中没有{DemoCountyGenerator.CountyName}的定点医药机构：请先生成演示参保登记数据"));
        }

        var breach = medical.Take(MedicalInBreach).Concat(pharmacies.Take(PharmaciesInBreach)).ToList();
        var today = clock.TodayInChina();
        var start = new DateOnly(DemoCareGenerator.Year, 4, 1);
        if (start > today.AddDays(-60))
        {
            start = today.AddDays(-60);
        }

        var plan = Ok(await plans.HandleAsync(new CreateInspectionPlan($"{start.Year} 年度打击欺诈骗保专项检查", start, start.AddDays(59),
            "定点医疗机构、定点零售药店医保基金使用情况（住院、门诊、购药）", "稽核员甲、稽核员乙、稽核员丙", [.. medical, .. pharmacies]), ct));
        var planInspections = await db.Inspections.AsNoTracking().Where(i => i.PlanId == plan.Id)
            .Join(db.Institutions.AsNoTracking(), i => i.InstitutionId, x => x.Id, (i, x) => new { i.Id, x.Code }).ToDictionaryAsync(x => x.Code, x => x.Id, StringComparer.Ordinal, ct);

        var amounts = Split(breach.Count);
        var cases = 0;
        decimal recovered = 0, penalty = 0, paid = 0;
        var suspended = 0;
        var index = 0;
        foreach (var code in medical.Concat(pharmacies))
        {
            var k = index++;
            var inspectedOn = start.AddDays(k % 30);
            var b = breach.IndexOf(code);
            var isPharmacy = pharmacies.Contains(code);
            Ok(await inspect.HandleAsync(new RecordInspection(planInspections[code], inspectedOn, null,
                b < 0 ? "未发现违规问题" : "发现违规使用医保基金问题，移交立案查处"), ct));
            if (b < 0)
            {
                continue;
            }

            var (recovery, multiple) = amounts[b];
            var what = isPharmacy ? PharmacyFindings[b % PharmacyFindings.Length] : MedicalFindings[b % MedicalFindings.Length];
            var finding = Ok(await findings.HandleAsync(new AddInspectionFinding(planInspections[code], what, recovery, FundCode.ResidentPool), ct));
            var sc = Ok(await open.HandleAsync(new OpenCase(CaseSourceType.InspectionFinding, null, null, what, FundCode.ResidentPool, recovery, inspectedOn.AddDays(1),
                FindingId: finding.Id), ct));
            Ok(await advance.HandleAsync(new AdvanceCase(sc.Id, CaseAction.File, inspectedOn.AddDays(2), "现场检查发现问题，证据确凿"), ct));
            Ok(await advance.HandleAsync(new AdvanceCase(sc.Id, CaseAction.Investigate, inspectedOn.AddDays(3), "调取费用明细、进销存和病历，约谈负责人"), ct));
            var decidedOn = inspectedOn.AddDays(10);
            var suspend = isPharmacy && b == breach.Count - 1 && breach.Count > 1; // the last pharmacy: agreement suspended for a while
            var decided = Ok(await decide.HandleAsync(new DecideCase(sc.Id, decidedOn, string.Create(CultureInfo.InvariantCulture, $"示医保稽〔{decidedOn.Year}〕{b + 1}号"),
                $"{what}属实，依据服务协议追回医保基金并处违约金", recovery, multiple,
                suspend ? decidedOn : null, suspend ? today.AddDays(30) : null), ct));
            cases++;
            suspended += suspend ? 1 : 0;
            recovered += decided.Outcomes.Where(o => o.Kind == OutcomeKind.Recovery).Sum(o => o.Amount);
            penalty += decided.Outcomes.Where(o => o.Kind == OutcomeKind.Penalty).Sum(o => o.Amount);

            // 财务: recoveries are paid; penalties in full, except three paid in part and two not yet paid.
            var paidOn = decidedOn.AddDays(10);
            var no = (int seq) => string.Create(CultureInfo.InvariantCulture, $"JK{decidedOn.Year}{b + 1:D3}{seq}");
            var rec = decided.Outcomes.Single(o => o.Kind == OutcomeKind.Recovery);
            paid += Ok(await pay.HandleAsync(new RecordOutcomePayment(rec.Id, paidOn, no(1)), ct)).Amount;
            var pen = decided.Outcomes.Single(o => o.Kind == OutcomeKind.Penalty);
            var unpaid = b >= breach.Count - 2 && breach.Count > 5;
            var partial = !unpaid && b % 9 == 4;
            if (!unpaid)
            {
                var part = partial ? decimal.Round(pen.Amount / 2, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
                Ok(await pay.HandleAsync(new RecordOutcomePayment(pen.Id, paidOn, no(2), part), ct));
                paid += part ?? pen.Amount;
            }

            if (!unpaid && !partial)
            {
                Ok(await advance.HandleAsync(new AdvanceCase(sc.Id, CaseAction.Close, paidOn, "追回款、违约金已缴清，结案"), ct));
            }
        }

        return AppResult<DemoSupervisionResult>.Ok(new DemoSupervisionResult(medical.Count + pharmacies.Count,
            breach.Count(c => !pharmacies.Contains(c)), breach.Count(pharmacies.Contains), cases, recovered, penalty, paid, suspended));
    }

    /// <summary>
    /// Recoveries (元, whole) adding up to <see cref="Recovered"/> and multiples making the penalties add up to <see cref="Penalties"/>: the first
    /// case 2,100 元 at 1 ×, the rest of 53,400 元 spread by fixed weights at 2 ×. With a single case the totals are approximate.
    /// </summary>
    public static IReadOnlyList<(decimal Recovery, decimal Multiple)> Split(int n)
    {
        if (n <= 1)
        {
            return n == 0 ? [] : [(Recovered, decimal.Round(Penalties / Recovered, 2, MidpointRounding.AwayFromZero))];
        }

        var rest = Recovered - SingleMultipleRecovery;
        var weights = Enumerable.Range(0, n - 1).Select(i => 3 + ((i * 7) % 5)).ToArray();
        var total = weights.Sum();
        var list = new List<(decimal, decimal)> { (SingleMultipleRecovery, 1m) };
        var given = 0m;
        for (var i = 0; i < weights.Length; i++)
        {
            var r = i == weights.Length - 1 ? rest - given : decimal.Floor(rest * weights[i] / total / 10m) * 10m;
            given += r;
            list.Add((r, 2m));
        }

        return list;
    }

    private static T Ok<T>(AppResult<T> r) =>
        r.Succeeded ? r.Value! : throw new InvalidOperationException("演示基金监管数据未能写入：" + string.Join("；", r.Errors.Select(e => e.Message)));
}
