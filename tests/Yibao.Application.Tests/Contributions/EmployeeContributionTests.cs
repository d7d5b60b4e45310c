using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Contributions;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Contributions;

/// <summary>征缴 on both engines: policy data, 缴费基数申报 and import, 征收计划, 税务入库 import, 对账, 欠费, 灵活就业.</summary>
public sealed class EmployeeContributionTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    internal static readonly string Certno1 = ResidentId.Create("130123", new DateOnly(1985, 7, 9), 123).Value;
    internal static readonly string Certno2 = ResidentId.Create("130123", new DateOnly(1990, 1, 2), 124).Value;
    internal static readonly string Certno3 = ResidentId.Create("130123", new DateOnly(1979, 5, 6), 125).Value;
    internal static readonly CreditCode Code = CreditCode.Create("91130123MA0000001");

    /// <summary>Area, 2026 policy (社平 6000, 60%–300%, 8% + 2%, 灵活就业 10%), employer E001 with two in-service employees, one flexible worker.</summary>
    internal static async Task SeedAsync(TestDatabase db)
    {
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.Areas.Add(new Area { Code = "130123", Name = "示范县", Level = AreaLevel.County });
            ctx.Employers.Add(new Employer { EmployerNo = "E001", CreditCode = Code, Name = "示范县第一机械厂", PoolAreaCode = "130123" });
            await ctx.SaveChangesAsync();
        });
        var policy = await db.InScopeAsync(sp => sp.GetRequiredService<SaveEmployeeContributionPolicyHandler>().HandleAsync(
            new SaveEmployeeContributionPolicy("130123", 2026, 6000m, 60m, 300m, 8m, 2m, 10m)));
        policy.Succeeded.ShouldBeTrue(string.Join("；", policy.Errors.Select(e => e.Message)));
        foreach (var (cert, name, type, emp) in new[] { (Certno1, "张三", "11", "E001"), (Certno2, "李四", "11", "E001"), (Certno3, "王五", "13", (string?)null) })
        {
            var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(cert, name, "130123",
                Enrollments: [new EnrollPerson("-", "310", type, new DateOnly(2025, 1, 1), emp)])));
            r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        }
    }

    private static List<IReadOnlyList<string>> Rows(params string[][] rows) => rows.Select(r => (IReadOnlyList<string>)r).ToList();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Policy_is_validated_with_chinese_messages_and_saved_per_area_and_year(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<SaveEmployeeContributionPolicyHandler>().HandleAsync(
            new SaveEmployeeContributionPolicy("13012", 2026, -1m, 0m, 50m, 40m, 2m, 10m)));
        bad.Errors.Select(e => e.Message).ShouldBe(["统筹区：须为 6 位行政区划代码", "社平工资：须大于 0", "基数下限比例：须大于 0% 且不超过 100%",
            "基数上限比例：须在 100%–1000% 之间", "单位费率：须在 0%–30% 之间"], ignoreOrder: true);

        // Saving the same area and year again changes the numbers (one row).
        (await db.InScopeAsync(sp => sp.GetRequiredService<SaveEmployeeContributionPolicyHandler>().HandleAsync(
            new SaveEmployeeContributionPolicy("130123", 2026, 6200m, 60m, 300m, 7.5m, 2m, 9m)))).Succeeded.ShouldBeTrue();
        var p = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().EmployeeContributionPolicies.AsNoTracking().SingleAsync());
        p.AverageMonthlyWage.ShouldBe(6200m);
        p.EmployerRate.ShouldBe(0.075m);
        p.Floor.ShouldBe(3720m);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity == nameof(EmployeeContributionPolicy)))).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Base_outside_floor_or_ceiling_is_refused_or_clamped_by_核定(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var h = (IServiceProvider sp) => sp.GetRequiredService<DeclareContributionBaseHandler>();
        var refused = await db.InScopeAsync(sp => h(sp).HandleAsync(new DeclareContributionBase("E001", Certno1, 2026, 3000m, BaseCheckMode.Refuse)));
        refused.Errors.Single().Message.ShouldBe("缴费基数：3000.00 元超出 2026 年核定范围 3600.00–18000.00 元（社平工资的 60%–300%）");
        refused.Errors.Single().Field.ShouldBe("clct_base");

        var clamped = await db.InScopeAsync(sp => h(sp).HandleAsync(new DeclareContributionBase("E001", Certno1, 2026, 3000m, BaseCheckMode.Clamp)));
        clamped.Succeeded.ShouldBeTrue();
        var row = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ContributionBases.AsNoTracking().SingleAsync());
        row.DeclaredBase.ShouldBe(3000m);
        row.ApprovedBase.ShouldBe(3600m);

        // By 统一社会信用代码 too; the flexible worker is not an employee of E001.
        var notEmployee = await db.InScopeAsync(sp => h(sp).HandleAsync(new DeclareContributionBase(Code.Value, Certno3, 2026, 5000m, BaseCheckMode.Refuse)));
        notEmployee.Errors.Single().Message.ShouldBe("证件号码：王五 在 2026 年没有在单位“示范县第一机械厂”参加职工基本医疗保险（310），请先办理参保登记");
        var noPolicy = await db.InScopeAsync(sp => h(sp).HandleAsync(new DeclareContributionBase("E001", Certno1, 2025, 5000m, BaseCheckMode.Refuse)));
        noPolicy.Errors.Single().Message.ShouldBe("缴费年度：统筹区 130123 未设置 2025 年度职工医保缴费标准");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Base_import_is_all_or_nothing_with_row_errors(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var h = (IServiceProvider sp) => sp.GetRequiredService<ImportContributionBasesHandler>();
        var header = new[] { "单位编号", "证件号码", "缴费年度", "申报基数" };
        var bad = await db.InScopeAsync(sp => h(sp).HandleAsync(new ImportContributionBases("bases.xlsx", Rows(header,
            ["E001", Certno1, "2026", "5000"],
            ["E009", Certno2, "2026", "5000"],
            ["E001", Certno2, "2026", "abc"],
            ["E001", Certno2, "2026", "20000"],
            ["E001", Certno1, "2026", "5100"]), BaseCheckMode.Refuse)));
        bad.Succeeded.ShouldBeFalse();
        bad.Errors.Select(e => e.ToString()).ShouldBe([
            new Domain.Catalogs.ImportRowError(3, "单位编号", "“E009”不是已登记的单位编号或统一社会信用代码").ToString(),
            new Domain.Catalogs.ImportRowError(4, "申报基数", "“abc”不是数字").ToString(),
            new Domain.Catalogs.ImportRowError(5, "申报基数", "20000.00 元超出 2026 年核定范围 3600.00–18000.00 元（社平工资的 60%–300%）").ToString(),
            new Domain.Catalogs.ImportRowError(6, "证件号码", "与第 2 行重复（同一单位、同一人、同一年度只能申报一次）").ToString(),
        ]);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ContributionBases.CountAsync())).ShouldBe(0);

        var ok = await db.InScopeAsync(sp => h(sp).HandleAsync(new ImportContributionBases("bases.csv", Rows(header,
            ["E001", Certno1, "2026", "5000"],
            [Code.Value, Certno2, "2026", "20000"]), BaseCheckMode.Clamp)));
        ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => e.ToString())));
        ok.Summary!.ShouldBe(new BaseImportSummary("bases.csv", 2, 2, 0, 1));
        var bases = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ContributionBases.AsNoTracking().OrderBy(b => b.DeclaredBase).ToListAsync());
        bases.Select(b => (b.DeclaredBase, b.ApprovedBase)).ShouldBe([(5000m, 5000m), (20000m, 18000m)]);
    }

    internal static async Task DeclareBothAsync(TestDatabase db)
    {
        foreach (var (cert, amount) in new[] { (Certno1, 4567.89m), (Certno2, 6000m) })
        {
            var r = await db.InScopeAsync(sp => sp.GetRequiredService<DeclareContributionBaseHandler>().HandleAsync(new DeclareContributionBase("E001", cert, 2026, amount, BaseCheckMode.Refuse)));
            r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Plans_are_generated_per_employer_month_to_the_fen_replace_unpaid_and_refuse_paid(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        await DeclareBothAsync(db);
        var gen = (IServiceProvider sp) => sp.GetRequiredService<GenerateCollectionPlansHandler>();
        var r = await db.InScopeAsync(sp => gen(sp).HandleAsync(new GenerateCollectionPlans(202601)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        r.Value!.Plans.ShouldBe(1);
        r.Value.Lines.ShouldBe(2);
        // 4567.89 × 8% = 365.43, × 2% = 91.36; 6000 × 8% = 480, × 2% = 120.
        r.Value.Total.ShouldBe(365.43m + 91.36m + 480m + 120m);

        var again = await db.InScopeAsync(sp => gen(sp).HandleAsync(new GenerateCollectionPlans(202601)));
        again.Value!.Replaced.ShouldBe(1);
        var plans = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().CollectionPlans.AsNoTracking().Include(p => p.Lines).ToListAsync());
        plans.Count.ShouldBe(1);
        plans[0].Lines.Count.ShouldBe(2);
        plans[0].EmployerAmount.ShouldBe(845.43m);
        plans[0].EmployeeAmount.ShouldBe(211.36m);
        plans[0].TotalAmount.ShouldBe(1056.79m);
        plans[0].Lines.Sum(l => l.EmployerAmount + l.EmployeeAmount).ShouldBe(plans[0].TotalAmount);

        // A payment for the month: the employer's plan is kept by the job and refused for that employer.
        var pay = await db.InScopeAsync(sp => sp.GetRequiredService<ImportEmployerPaymentsHandler>().HandleAsync(new ImportEmployerPayments("tax.csv", Rows(
            ["统一社会信用代码", "所属期", "金额", "入库日期", "票号"], [Code.Value, "2026-01", "500.00", "2026-02-15", "T0001"]))));
        pay.Succeeded.ShouldBeTrue(string.Join("；", pay.Errors.Select(e => e.ToString())));
        var kept = await db.InScopeAsync(sp => gen(sp).HandleAsync(new GenerateCollectionPlans(202601)));
        kept.Value!.KeptPaid.ShouldBe(1);
        kept.Value.Plans.ShouldBe(0);
        var employerId = plans[0].EmployerId;
        var refused = await db.InScopeAsync(sp => gen(sp).HandleAsync(new GenerateCollectionPlans(202601, employerId)));
        refused.Errors.Single().Message.ShouldBe("所属期：2026-01 的征收计划已有税务入库记录，不能重新生成");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().CollectionPlans.AsNoTracking().SingleAsync())).Id.ShouldBe(plans[0].Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Payment_import_refuses_bad_rows_and_posts_balanced_entries(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var h = (IServiceProvider sp) => sp.GetRequiredService<ImportEmployerPaymentsHandler>();
        var header = new[] { "统一社会信用代码", "所属期", "金额", "入库日期", "票号" };
        var unknown = CreditCode.Create("91130123MA0000009").Value;
        var bad = await db.InScopeAsync(sp => h(sp).HandleAsync(new ImportEmployerPayments("tax.xlsx", Rows(header,
            [Code.Value, "2026-01", "1000", "2026-02-10", "T1"],
            [unknown, "2026-01", "1000", "2026-02-10", "T2"],
            [Code.Value, "2026-01", "-5", "2026-02-10", "T3"],
            [Code.Value, "2026-01", "一千", "2026-02-10", "T4"],
            [Code.Value, "2026-01", "100", "2026-03-09", "T5"],
            [Code.Value, "2026-01", "100", "2026-02-10", "T1"]))));
        bad.Errors.Select(e => e.ToString()).ShouldBe([
            new Domain.Catalogs.ImportRowError(3, "统一社会信用代码", unknown + " 不是已登记的参保单位").ToString(),
            new Domain.Catalogs.ImportRowError(4, "金额", "-5 须大于 0（退费请走退费流程）").ToString(),
            new Domain.Catalogs.ImportRowError(5, "金额", "“一千”不是数字").ToString(),
            new Domain.Catalogs.ImportRowError(6, "入库日期", "2026-03-09 晚于今天 2026-03-02").ToString(),
            new Domain.Catalogs.ImportRowError(7, "票号", "T1 与第 2 行重复").ToString(),
        ]);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(0);

        var ok = await db.InScopeAsync(sp => h(sp).HandleAsync(new ImportEmployerPayments("tax.xlsx", Rows(header,
            [Code.Value, "2026-01", "1,000.50", "2026-02-10", "T1"], [Code.Value, "202602", "20", "2026-02-28", "T2"]))));
        ok.Succeeded.ShouldBeTrue();
        ok.Summary!.Total.ShouldBe(1020.50m);
        var entries = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.AsNoTracking().Include(e => e.Lines).ToListAsync());
        entries.Count.ShouldBe(2);
        foreach (var e in entries)
        {
            e.Lines.ShouldAllBe(l => l.Fund == FundCode.EmployeePool && l.EmployerId != null);
            e.Lines.Sum(l => l.Debit).ShouldBe(e.Lines.Sum(l => l.Credit));
        }

        var again = await db.InScopeAsync(sp => h(sp).HandleAsync(new ImportEmployerPayments("tax.xlsx", Rows(header, [Code.Value, "2026-01", "5", "2026-02-10", "T1"]))));
        again.Errors.Single().Message.ShouldBe("T1 已经导入过，不能重复入账");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reconciliation_and_arrears_age_what_is_owed_and_the_notice_reads_in_uppercase(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        await DeclareBothAsync(db);
        foreach (var period in new[] { 202601, 202602, 202603 })
        {
            (await db.InScopeAsync(sp => sp.GetRequiredService<GenerateCollectionPlansHandler>().HandleAsync(new GenerateCollectionPlans(period)))).Succeeded.ShouldBeTrue();
        }

        (await db.InScopeAsync(sp => sp.GetRequiredService<ImportEmployerPaymentsHandler>().HandleAsync(new ImportEmployerPayments("tax.csv", Rows(
            ["统一社会信用代码", "所属期", "金额", "入库日期", "票号"],
            [Code.Value, "2026-01", "1056.79", "2026-02-10", "T1"],
            [Code.Value, "2026-02", "56.79", "2026-02-28", "T2"]))))).Succeeded.ShouldBeTrue();

        var q = (IServiceProvider sp) => sp.GetRequiredService<ContributionQueriesHandler>();
        var rec = await db.InScopeAsync(sp => q(sp).ReconcileAllAsync(202601, 202603));
        rec.OrderBy(r => r.Period).Select(r => (r.Period, r.Status, r.Received)).ShouldBe([
            (202601, CollectionStatus.Paid, 1056.79m), (202602, CollectionStatus.Partial, 56.79m), (202603, CollectionStatus.Unpaid, 0m)]);

        var arrears = await db.InScopeAsync(sp => q(sp).ArrearsAllAsync(202603));
        var a = arrears.Single();
        a.Aging.Total.ShouldBe(1000m + 1056.79m);
        a.Aging.UpTo3.ShouldBe(a.Aging.Total);
        a.Aging.Months.ShouldBe(2);

        var notice = await db.InScopeAsync(sp => q(sp).NoticeAsync(a.EmployerId, 202603));
        notice!.Months.Count.ShouldBe(2);
        notice.TotalInWords.ShouldBe("贰仟零伍拾陆元柒角玖分");
        Yibao.Infrastructure.Contributions.ArrearsNoticeDocument.Html(notice, "示范县医疗保障事业管理中心").ShouldContain("贰仟零伍拾陆元柒角玖分");
        (await Yibao.Infrastructure.Contributions.ArrearsNoticeDocument.XlsxAsync(notice, TestContext.Current.CancellationToken)).Length.ShouldBeGreaterThan(1000);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Flexible_worker_pays_at_the_flexible_rate_with_a_journal_entry(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var h = (IServiceProvider sp) => sp.GetRequiredService<RecordFlexibleContributionHandler>();
        var outOfRange = await db.InScopeAsync(sp => h(sp).HandleAsync(new RecordFlexibleContribution(Certno3, 202602, 2000m, new DateOnly(2026, 2, 20), "F1")));
        outOfRange.Errors.Single().Field.ShouldBe("clct_base");
        var employee = await db.InScopeAsync(sp => h(sp).HandleAsync(new RecordFlexibleContribution(Certno1, 202602, 4000m, new DateOnly(2026, 2, 20), "F1")));
        employee.Errors.Single().Message.ShouldBe("参保登记：张三在 2026-02 没有以灵活就业人员身份参加职工基本医疗保险（310）");

        var ok = await db.InScopeAsync(sp => h(sp).HandleAsync(new RecordFlexibleContribution(Certno3, 202602, 4000m, new DateOnly(2026, 2, 20), "F1")));
        ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => e.Message)));
        ok.Value!.Amount.ShouldBe(400m);
        var retry = await db.InScopeAsync(sp => h(sp).HandleAsync(new RecordFlexibleContribution(Certno3, 202602, 4000m, new DateOnly(2026, 2, 20), "F1")));
        retry.Value!.Id.ShouldBe(ok.Value.Id);
        var dup = await db.InScopeAsync(sp => h(sp).HandleAsync(new RecordFlexibleContribution(Certno3, 202602, 4000m, new DateOnly(2026, 2, 21), "F2")));
        dup.Errors.Single().Message.ShouldBe("所属期：王五 2026-02 的灵活就业缴费已登记（票据号 F1）");
        var lines = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.AsNoTracking().SelectMany(e => e.Lines).ToListAsync());
        lines.Sum(l => l.Debit).ShouldBe(400m);
        lines.Sum(l => l.Credit).ShouldBe(400m);
    }
}
