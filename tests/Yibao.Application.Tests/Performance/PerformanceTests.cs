using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Budget;
using Yibao.Application.Performance;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Performance;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Performance;

/// <summary>运行指标 from seeded rows, indicator bindings, and the stored self-evaluation, on both engines.</summary>
public sealed class PerformanceTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static int _seq;

    private static Person NewPerson(int n) =>
        Person.FromResidentId(ResidentId.Create("130123", new DateOnly(1970, 1, 1).AddDays(n), 100 + (n % 800)), "P" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), "测试" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), "130123");

    /// <summary>
    /// A 390 from 2025; B 310 (灵活就业) from 2020; C 390 from 2026-07-01; D 390 terminated 2026-03-31; E 390 suspended 2026-02-01 and resumed
    /// 2026-05-01; F 390 suspended 2026-04-01 (not resumed); G 392 only. Contributions for 2026: A 400 paid 2025-12-20 (sponsored 350), C 400
    /// paid 2026-07-05, D 400 for 2025. Settlements in 2026: two with maf_pay (one cancelled), one basic-only, one with 大病, one in 2025.
    /// Institutions: two 正常, one 暂停.
    /// </summary>
    internal static async Task SeedOperationsAsync(TestDatabase db)
    {
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var people = Enumerable.Range(Interlocked.Add(ref _seq, 10), 7).Select(NewPerson).ToList();
            ctx.Persons.AddRange(people);
            await ctx.SaveChangesAsync();
            Enrollment R(int i, InsuranceType t, PersonCategory c, DateOnly begin) => Enrollment.Register(people[i].Id, t, c, begin, "130123");
            var a = R(0, InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2025, 1, 1));
            var b = R(1, InsuranceType.EmployeeBasic, PersonCategory.FlexibleEmployed, new DateOnly(2020, 1, 1));
            var c = R(2, InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2026, 7, 1));
            var d = R(3, InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2020, 1, 1));
            d.Terminate(new DateOnly(2026, 3, 31), TerminationReason.Death);
            var e = R(4, InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2020, 1, 1));
            e.Suspend(new DateOnly(2026, 2, 1), "停缴");
            e.Resume(new DateOnly(2026, 5, 1));
            var f = R(5, InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2020, 1, 1));
            f.Suspend(new DateOnly(2026, 4, 1), "停缴");
            var g = R(6, InsuranceType.ResidentCritical, PersonCategory.AdultResident, new DateOnly(2020, 1, 1));
            ctx.Enrollments.AddRange(a, b, c, d, e, f, g);

            JournalEntry Entry(decimal amount, string src) => JournalEntry.Create(new DateOnly(2026, 1, 1), "测试缴费", "test", src,
                [JournalLine.Dr(FundCode.ResidentPool, LedgerAccounts.ContributionIncome, amount), JournalLine.Cr(FundCode.ResidentPool, LedgerAccounts.ContributionIncome, amount)]);
            ResidentContribution Contribution(int i, int year, DateOnly paid, decimal sponsored) => new()
            {
                PersonId = people[i].Id, PoolAreaCode = "130123", Year = year, IndividualAmount = 400m, SponsoredAmount = sponsored,
                PaidByPerson = 400m - sponsored, SubsidyAmount = 700m, PaidOn = paid, ReceiptNo = "R" + people[i].PersonNo + year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JournalEntry = Entry(400m, people[i].PersonNo),
            };
            ctx.ResidentContributions.AddRange(
                Contribution(0, 2026, new DateOnly(2025, 12, 20), 350m),
                Contribution(2, 2026, new DateOnly(2026, 7, 5), 0m),
                Contribution(3, 2025, new DateOnly(2024, 12, 1), 0m));

            var inst = new Institution { Code = "H" + people[0].PersonNo, Name = "示范县人民医院", PoolAreaCode = "130123" };
            ctx.Institutions.AddRange(inst,
                new Institution { Code = "Y" + people[0].PersonNo, Name = "示范县大药房", PoolAreaCode = "130123", Type = InstitutionType.Pharmacy },
                new Institution { Code = "S" + people[0].PersonNo, Name = "暂停的卫生院", PoolAreaCode = "130123", Status = AgreementStatus.Suspended });
            await ctx.SaveChangesAsync();
            var n = 0;
            void Settle(DateOnly date, decimal hifp, decimal hifmi, decimal maf, SettlementStatus status = SettlementStatus.Settled)
            {
                n++;
                var enc = new MedicalEncounter { MdtrtId = "M" + people[0].PersonNo + n.ToString(System.Globalization.CultureInfo.InvariantCulture), InstitutionId = inst.Id, PersonId = people[0].Id, PsnNo = people[0].PersonNo, Insutype = "390", PoolAreaCode = "130123", BeginDate = date, Status = EncounterStatus.Settled };
                ctx.MedicalEncounters.Add(enc);
                ctx.SaveChanges();
                ctx.Settlements.Add(new SettlementRecord
                {
                    SetlId = "S" + enc.MdtrtId, EncounterId = enc.Id, InstitutionId = inst.Id, PersonId = people[0].Id, PsnNo = people[0].PersonNo, Insutype = "390",
                    PoolAreaCode = "130123", SetlDate = date, Year = date.Year, PolicyVersionId = "test", SchemeName = "test", ExplanationJson = "[]", LinesJson = "[]",
                    AccumulatorsBeforeJson = "{}", AccumulatorsAfterJson = "{}", MedfeeSumamt = hifp + hifmi + maf + 100m, HifpPay = hifp, HifmiPay = hifmi, MafPay = maf,
                    FundPaySumamt = hifp + hifmi + maf, Status = status,
                });
            }
            Settle(new DateOnly(2026, 3, 1), 500m, 0m, 120.50m);
            Settle(new DateOnly(2026, 3, 2), 500m, 0m, 80m, SettlementStatus.Cancelled);
            Settle(new DateOnly(2026, 4, 1), 300m, 0m, 0m);
            Settle(new DateOnly(2026, 5, 1), 1000m, 200m, 0m);
            Settle(new DateOnly(2025, 12, 31), 1000m, 0m, 50m);
            await ctx.SaveChangesAsync();
        });
    }

    private static Task<MetricSnapshot> Metrics(TestDatabase db, DateOnly asOf, int year = 2026) =>
        db.InScopeAsync(sp => sp.GetRequiredService<GetPerformanceMetricsHandler>().HandleAsync(new GetPerformanceMetrics(year, asOf)));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Metrics_are_computed_from_seeded_operations(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedOperationsAsync(db);
        var m = await Metrics(db, new DateOnly(2026, 6, 30));
        m.Period.Start.ShouldBe(new DateOnly(2026, 1, 1));
        m[MetricCatalog.EnrolledBasic]!.Value.ShouldBe(3m); // A, B, E
        m[MetricCatalog.EnrolledEmployee]!.Value.ShouldBe(1m);
        m[MetricCatalog.EnrolledResident]!.Value.ShouldBe(2m);
        m[MetricCatalog.CoverageRate]!.Value.ShouldBeNull();
        m[MetricCatalog.CoverageRate]!.Note!.ShouldContain("人口基数");
        m[MetricCatalog.ResidentPaidPersons]!.Value.ShouldBe(1m);
        m[MetricCatalog.ResidentPaidAmount]!.Value.ShouldBe(400m);
        m[MetricCatalog.SponsoredPersons]!.Value.ShouldBe(1m);
        m[MetricCatalog.SponsoredAmount]!.Value.ShouldBe(350m);
        m[MetricCatalog.AssistanceCount]!.Value.ShouldBe(1m); // cancelled and 2025 excluded
        m[MetricCatalog.AssistanceAmount]!.Value.ShouldBe(120.50m);
        m[MetricCatalog.OneStopCount]!.Value.ShouldBe(2m);
        m[MetricCatalog.OneStopAmount]!.Value.ShouldBe(620.50m + 1200m);
        m[MetricCatalog.ActiveInstitutions]!.Value.ShouldBe(2m);

        var march = await Metrics(db, new DateOnly(2026, 3, 1));
        march[MetricCatalog.EnrolledBasic]!.Value.ShouldBe(4m); // A, B, D, F (E suspended, C not begun)
        var yearEnd = await Metrics(db, new DateOnly(2027, 2, 1));
        yearEnd.Period.End.ShouldBe(new DateOnly(2026, 12, 31));
        yearEnd[MetricCatalog.EnrolledBasic]!.Value.ShouldBe(4m); // A, B, C, E
        yearEnd[MetricCatalog.ResidentPaidPersons]!.Value.ShouldBe(2m);

        var save = await db.InScopeAsync(sp => sp.GetRequiredService<SavePopulationBaselineHandler>().HandleAsync(new SavePopulationBaseline(2026, 5, "2025 年统计公报")));
        save.Succeeded.ShouldBeTrue();
        (await Metrics(db, new DateOnly(2026, 12, 31)))[MetricCatalog.CoverageRate]!.Value.ShouldBe(80.00m);
        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<SavePopulationBaselineHandler>().HandleAsync(new SavePopulationBaseline(2026, 0, "")));
        bad.Errors.Select(e => e.Message).ShouldBe(["人口基数：须为正整数", "数据来源：不能为空（如“2025 年统计公报户籍人口”）"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_enrollment_count_in_SQL_agrees_with_the_domain_status_on_every_date(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedOperationsAsync(db);
        var enrollments = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Enrollments.AsNoTracking().Include(e => e.Events).ToListAsync());
        for (var date = new DateOnly(2026, 1, 1); date.Year == 2026; date = date.AddDays(15))
        {
            var expected = enrollments.Count(e => e.InsuranceType is InsuranceType.EmployeeBasic or InsuranceType.ResidentBasic && e.StatusOn(date) == EnrollmentStatus.Active);
            (await Metrics(db, date))[MetricCatalog.EnrolledBasic]!.Value.ShouldBe(expected, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A small budget with a unit target of four indicators (weights 30/30/20/20) and one project indicator.</summary>
    internal static string BudgetJson(int version = 1) => """
        {
          "format": "yibao-budget/1",
          "unit": { "code": "901001", "name": "示范县医疗保障局", "nature": "行政", "staffing": { "authorized": 10, "actual": 9, "retired": 2 } },
          "year": 2026, "phase": "预算", "version": VERSION, "status": "编制中", "profile": "national",
          "revenue": [ { "source": "一般公共预算拨款", "amount": 1000000 } ],
          "lines": [
            { "function": "2101501", "deptEconomic": "30101", "govEconomic": "50101", "source": "一般公共预算拨款", "type": "基本", "kind": "人员", "amount": 800000 },
            { "function": "2101550", "deptEconomic": "30201", "govEconomic": "50201", "source": "一般公共预算拨款", "type": "项目", "project": "P1", "amount": 200000 }
          ],
          "projects": [ { "id": "P1", "name": "医疗救助经办", "target": { "goal": "救助及时", "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "name": "医疗救助人次", "operator": "≥", "value": "2", "unit": "人次", "weight": 20 } ] } } ],
          "unitTarget": { "goal": "全面履职", "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "name": "基本医保参保人数", "operator": "≥", "value": "4", "unit": "人", "weight": 30 },
            { "level1": "产出指标", "level2": "时效指标", "name": "待遇支付及时率", "operator": "≥", "value": "95", "unit": "%", "weight": 30 },
            { "level1": "效益指标", "level2": "社会效益指标", "name": "政策知晓度", "operator": "", "value": "明显提高", "weight": 10 },
            { "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度", "operator": "≥", "value": "90", "unit": "%", "weight": 10 } ] }
        }
        """.Replace("VERSION", version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bindings_and_the_self_evaluation_are_stored_scored_and_frozen_on_submit(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedOperationsAsync(db);
        var imported = await db.InScopeAsync(sp => sp.GetRequiredService<ImportBudgetHandler>().HandleAsync(new ImportBudget(BudgetJson(), "perf.json")));
        imported.Succeeded.ShouldBeTrue(string.Join("；", imported.Errors.Select(e => e.Message)));
        var id = imported.Value!.Id;
        Task<Yibao.Application.Common.AppResult<IndicatorBinding?>> Bind(BindIndicator c) => db.InScopeAsync(sp => sp.GetRequiredService<BindIndicatorHandler>().HandleAsync(c));

        (await Bind(new BindIndicator(id, "unit/0", BindingMode.Metric, MetricCatalog.EnrolledBasic))).Succeeded.ShouldBeTrue();
        (await Bind(new BindIndicator(id, "project/P1/0", BindingMode.Metric, MetricCatalog.AssistanceCount))).Succeeded.ShouldBeTrue();
        (await Bind(new BindIndicator(id, "unit/1", BindingMode.Metric, "timely-payment"))).Errors.Single().Message.ShouldStartWith("运行指标：“待遇支付及时率”暂不能由系统计算");
        (await Bind(new BindIndicator(id, "unit/1", BindingMode.Metric, MetricCatalog.EnrolledBasic))).Errors.Single().Message.ShouldBe("运行指标：“基本医疗保险参保人数”的单位“人”与绩效指标“待遇支付及时率”的单位“%”不一致");
        (await Bind(new BindIndicator(id, "unit/2", BindingMode.Metric, MetricCatalog.EnrolledBasic))).Errors.Single().Message.ShouldContain("定性指标");
        (await Bind(new BindIndicator(id, "unit/1", BindingMode.Manual))).Errors.Single().Message.ShouldStartWith("佐证说明：");
        (await Bind(new BindIndicator(id, "unit/9", BindingMode.Manual, Evidence: "x"))).Errors.Single().Message.ShouldStartWith("绩效指标：");
        (await Bind(new BindIndicator(id, "unit/1", BindingMode.Manual, Evidence: "拨付台账", AttachmentName: "2026拨付台账.xlsx"))).Succeeded.ShouldBeTrue();
        (await Bind(new BindIndicator(id, "unit/3", BindingMode.Manual, Evidence: "满意度调查"))).Succeeded.ShouldBeTrue();
        (await Bind(new BindIndicator(id, "unit/3", BindingMode.None))).Succeeded.ShouldBeTrue();
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PerformanceBindings.AsNoTracking().OrderBy(b => b.IndicatorPath).ToListAsync());
        stored.Select(b => (b.IndicatorPath, b.Kind, b.MetricId)).ShouldBe([("project/P1/0", BindingKind.Metric, MetricCatalog.AssistanceCount), ("unit/0", BindingKind.Metric, MetricCatalog.EnrolledBasic), ("unit/1", BindingKind.Manual, null)]);
        stored[2].UpdatedBy.ShouldBe("tester");

        var asOf = new DateOnly(2026, 6, 30);
        var view = (await db.InScopeAsync(sp => sp.GetRequiredService<GetSelfEvaluationHandler>().HandleAsync(new GetSelfEvaluation(id, asOf))))!;
        view.Rows.Count.ShouldBe(5);
        var enrolled = view.Rows.Single(r => r.Path == "unit/0");
        enrolled.Actual.ShouldBe(3m);
        enrolled.ActualSource.ShouldBe("运行指标");
        enrolled.Met.ShouldBeFalse();
        enrolled.Score.ShouldBe(22.5m); // 30 × 3/4
        view.Rows.Single(r => r.Path == "project/P1/0").Score.ShouldBe(10m); // 1 of 2 人次

        EvaluationInput[] inputs =
        [
            new("unit/1", "96", null, null),
            new("unit/2", "群众知晓度调查 92%", true, null),
            new("unit/3", "85", null, "调查样本偏少"),
        ];
        var submitWithoutReasons = await db.InScopeAsync(sp => sp.GetRequiredService<SaveSelfEvaluationHandler>().HandleAsync(new SaveSelfEvaluation(id, asOf, inputs, Submit: true)));
        submitWithoutReasons.Errors.Select(e => e.Message).ShouldBe(["偏差原因（医疗救助人次）：未达成的指标须填写偏差原因", "偏差原因（基本医保参保人数）：未达成的指标须填写偏差原因"], ignoreOrder: true);
        var badNumber = await db.InScopeAsync(sp => sp.GetRequiredService<SaveSelfEvaluationHandler>().HandleAsync(new SaveSelfEvaluation(id, asOf, [new("unit/1", "九十六", null, null)], Submit: false)));
        badNumber.Errors.Single().Message.ShouldBe("实际值（待遇支付及时率）：应为数字，实为“九十六”");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PerformanceEvaluations.CountAsync())).ShouldBe(0);

        var draft = await db.InScopeAsync(sp => sp.GetRequiredService<SaveSelfEvaluationHandler>().HandleAsync(new SaveSelfEvaluation(id, asOf, inputs, Submit: false)));
        draft.Succeeded.ShouldBeTrue();
        draft.Value!.Status.ShouldBe(EvaluationStatus.Draft);
        var reopened = (await db.InScopeAsync(sp => sp.GetRequiredService<GetSelfEvaluationHandler>().HandleAsync(new GetSelfEvaluation(id))))!;
        reopened.AsOf.ShouldBe(asOf);
        reopened.Rows.Single(r => r.Path == "unit/3").Reason.ShouldBe("调查样本偏少");
        reopened.Rows.Single(r => r.Path == "unit/3").Score.ShouldBe(9.44m); // 10 × 85/90
        // 22.5 + 30 + 10 + 9.44 + 10 = 81.94 of 100
        reopened.TotalScore.ShouldBe(81.94m);
        reopened.Grade.ShouldBe(EvaluationGrade.Good);

        EvaluationInput[] withReasons = [.. inputs, new("unit/0", null, null, "新参保人员 7 月起参保"), new("project/P1/0", null, null, "上半年救助人次偏少")];
        var submitted = await db.InScopeAsync(sp => sp.GetRequiredService<SaveSelfEvaluationHandler>().HandleAsync(new SaveSelfEvaluation(id, asOf, withReasons, Submit: true)));
        submitted.Succeeded.ShouldBeTrue(string.Join("；", submitted.Errors.Select(e => e.Message)));
        var row = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PerformanceEvaluations.AsNoTracking().SingleAsync());
        row.Status.ShouldBe(EvaluationStatus.Submitted);
        row.SubmittedBy.ShouldBe("tester");
        row.Grade.ShouldBe("良");
        row.TotalScore.ShouldBe(81.94m);

        // Frozen: new operations data does not change a submitted evaluation, and it cannot be edited or rebound.
        await SeedOperationsAsync(db);
        var frozen = (await db.InScopeAsync(sp => sp.GetRequiredService<GetSelfEvaluationHandler>().HandleAsync(new GetSelfEvaluation(id))))!;
        frozen.Submitted.ShouldBeTrue();
        frozen.Rows.Single(r => r.Path == "unit/0").Actual.ShouldBe(3m);
        frozen.TotalScore.ShouldBe(81.94m);
        (await db.InScopeAsync(sp => sp.GetRequiredService<SaveSelfEvaluationHandler>().HandleAsync(new SaveSelfEvaluation(id, asOf, withReasons, Submit: false)))).Errors.Single().Message.ShouldBe("绩效自评：已提交，不能再修改");
        (await Bind(new BindIndicator(id, "unit/3", BindingMode.Manual, Evidence: "x"))).Errors.Single().Message.ShouldBe("绩效自评：已提交，不能再修改指标绑定");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Select(a => a.Entity).ToListAsync())).ShouldContain(e => e.Contains("PerformanceEvaluation", StringComparison.Ordinal));
    }
}
