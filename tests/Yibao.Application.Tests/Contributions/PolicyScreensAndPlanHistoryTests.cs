using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Contributions;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Contributions;

/// <summary>
/// On both engines: 征收计划 follow the enrollment's history (no line for a month inside a 暂停); 居民医保筹资标准 and
/// 待遇享受期 rules are created, changed and validated with Chinese messages, and eligibility follows an edited rule.
/// </summary>
public sealed class PolicyScreensAndPlanHistoryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Plans_have_no_line_for_a_month_the_enrollment_was_suspended(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await EmployeeContributionTests.SeedAsync(db);
        foreach (var cert in new[] { EmployeeContributionTests.Certno1, EmployeeContributionTests.Certno2 })
        {
            (await db.InScopeAsync(sp => sp.GetRequiredService<DeclareContributionBaseHandler>().HandleAsync(
                new DeclareContributionBase("E001", cert, 2026, 5000m, BaseCheckMode.Refuse)))).Succeeded.ShouldBeTrue();
        }

        var enrollmentId = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var person = await ctx.FindPersonAsync(EmployeeContributionTests.Certno1);
            return await ctx.Enrollments.Where(e => e.PersonId == person!.Id).Select(e => e.Id).SingleAsync();
        });

        // 暂停 for February (suspended 2026-02-01, resumed 2026-03-01): the enrollment is Active again today.
        (await db.InScopeAsync(sp => sp.GetRequiredService<SuspendEnrollmentHandler>().HandleAsync(new SuspendEnrollment(enrollmentId, new DateOnly(2026, 2, 1), "单位停薪留职")))).Succeeded.ShouldBeTrue();
        (await db.InScopeAsync(sp => sp.GetRequiredService<ResumeEnrollmentHandler>().HandleAsync(new ResumeEnrollment(enrollmentId, new DateOnly(2026, 3, 1), "复职")))).Succeeded.ShouldBeTrue();

        var lines = new Dictionary<int, int>();
        foreach (var period in new[] { 202601, 202602, 202603 })
        {
            var r = await db.InScopeAsync(sp => sp.GetRequiredService<GenerateCollectionPlansHandler>().HandleAsync(new GenerateCollectionPlans(period)));
            r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
            lines[period] = r.Value!.Lines;
        }

        lines[202601].ShouldBe(2);
        lines[202602].ShouldBe(1); // the suspended month
        lines[202603].ShouldBe(2);
        var feb = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().CollectionPlans.AsNoTracking().Include(p => p.Lines).SingleAsync(p => p.Period == 202602));
        feb.Headcount.ShouldBe(1);
        feb.TotalAmount.ShouldBe(500m); // 5000 × (8% + 2%)
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_retirement_later_in_the_year_keeps_the_earlier_months_planned(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await EmployeeContributionTests.SeedAsync(db);
        (await db.InScopeAsync(sp => sp.GetRequiredService<DeclareContributionBaseHandler>().HandleAsync(
            new DeclareContributionBase("E001", EmployeeContributionTests.Certno1, 2026, 5000m, BaseCheckMode.Refuse)))).Succeeded.ShouldBeTrue();
        var enrollmentId = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var person = await ctx.FindPersonAsync(EmployeeContributionTests.Certno1);
            return await ctx.Enrollments.Where(e => e.PersonId == person!.Id).Select(e => e.Id).SingleAsync();
        });
        (await db.InScopeAsync(sp => sp.GetRequiredService<ChangeEnrollmentHandler>().HandleAsync(new ChangeEnrollment(enrollmentId, "12", new DateOnly(2026, 3, 1), "退休")))).Succeeded.ShouldBeTrue();

        var jan = await db.InScopeAsync(sp => sp.GetRequiredService<GenerateCollectionPlansHandler>().HandleAsync(new GenerateCollectionPlans(202601)));
        jan.Value!.Lines.ShouldBe(1); // 在职 in January although 退休 now
        var mar = await db.InScopeAsync(sp => sp.GetRequiredService<GenerateCollectionPlansHandler>().HandleAsync(new GenerateCollectionPlans(202603)));
        mar.Value!.Lines.ShouldBe(0);
    }

    private static SaveResidentContributionPolicy Resident(int year = 2027, decimal individual = 400m, decimal subsidy = 670m, params SponsoredContribution[] sponsored) =>
        new("130123", year, individual, subsidy, new DateOnly(year - 1, 9, 1), new DateOnly(year - 1, 12, 31),
            sponsored.Length > 0 ? sponsored : [new(SpecialStatusType.Destitute, individual), new(SpecialStatusType.MinimumLiving, 200m)]);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Resident_financing_policy_is_validated_created_and_changed_until_contributions_are_posted(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await EmployeeContributionTests.SeedAsync(db);
        var save = (IServiceProvider sp) => sp.GetRequiredService<SaveResidentContributionPolicyHandler>();

        var bad = await db.InScopeAsync(sp => save(sp).HandleAsync(new SaveResidentContributionPolicy("13012", 2027, -1m, 670.005m,
            new DateOnly(2026, 12, 31), new DateOnly(2026, 9, 1), [new(SpecialStatusType.Destitute, 500m), new(SpecialStatusType.Destitute, 100m)])));
        bad.Succeeded.ShouldBeFalse();
        var messages = bad.Errors.Select(e => e.Message).ToList();
        messages.ShouldContain("统筹区：须为 6 位行政区划代码");
        messages.ShouldContain("个人缴费：不能为负数");
        messages.ShouldContain("财政补助：须精确到分（最多两位小数）");
        messages.ShouldContain("集中征缴期：结束日期不能早于开始日期");
        messages.ShouldContain("代缴标准：同一特殊身份只能设置一次");
        messages.ShouldContain("代缴金额（特困人员）：500.00 元超过个人缴费 -1.00 元");
        (await db.InScopeAsync(sp => save(sp).HandleAsync(Resident() with { CollectionFrom = new DateOnly(2024, 9, 1) })))
            .Errors.Single().Message.ShouldBe("集中征缴期：须在 2026-01-01 至 2027-12-31 之间（通常为上一年秋冬）");
        (await db.InScopeAsync(sp => save(sp).HandleAsync(Resident() with { PoolAreaCode = "999999" })))
            .Errors.Single().Message.ShouldBe("统筹区：999999 不是已登记的行政区划");

        (await db.InScopeAsync(sp => save(sp).HandleAsync(Resident()))).Succeeded.ShouldBeTrue();
        (await db.InScopeAsync(sp => save(sp).HandleAsync(Resident(individual: 410m, sponsored: [new(SpecialStatusType.PovertyAlleviated, 205m)])))).Succeeded.ShouldBeTrue();
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<ListResidentContributionPoliciesHandler>().HandleAsync());
        stored.Count.ShouldBe(1);
        stored[0].IndividualAmount.ShouldBe(410m);
        stored[0].Sponsored.Select(s => (s.Status, s.Amount)).ShouldBe([(SpecialStatusType.PovertyAlleviated, 205m)]);
        stored[0].SplitFor([SpecialStatusType.PovertyAlleviated]).PaidByPerson.ShouldBe(205m);

        // Once a contribution of the year is posted, the amounts are fixed; the 集中征缴期 may still move.
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var person = await ctx.FindPersonAsync(EmployeeContributionTests.Certno3);
            var entry = Domain.Funds.JournalEntry.Create(new DateOnly(2026, 3, 1), "测试", "test", "t1",
                [Domain.Funds.JournalLine.Dr(Domain.Funds.FundCode.ResidentPool, "1002", 410m), Domain.Funds.JournalLine.Cr(Domain.Funds.FundCode.ResidentPool, "4001", 410m)]);
            ctx.ResidentContributions.Add(new ResidentContribution
            {
                PersonId = person!.Id, PoolAreaCode = "130123", Year = 2027, IndividualAmount = 410m, PaidByPerson = 410m, SubsidyAmount = 670m,
                PaidOn = new DateOnly(2026, 3, 1), ReceiptNo = "R1", JournalEntry = entry,
            });
            await ctx.SaveChangesAsync();
        });
        var locked = await db.InScopeAsync(sp => save(sp).HandleAsync(Resident(individual: 420m)));
        locked.Errors.Single().Message.ShouldBe("个人缴费：2027 年度已有 1 笔居民缴费按现行标准记账，不能再修改金额（集中征缴期仍可修改）");
        (await db.InScopeAsync(sp => save(sp).HandleAsync(Resident(individual: 410m, sponsored: [new(SpecialStatusType.PovertyAlleviated, 205m)])
            with { CollectionTo = new DateOnly(2027, 2, 28) }))).Succeeded.ShouldBeTrue();
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity == nameof(ResidentContributionPolicy)))).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_edited_waiting_rule_changes_eligibility_and_bad_numbers_are_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await EmployeeContributionTests.SeedAsync(db);

        // A resident whose first contribution came two months after the begin date.
        var resident = Domain.Common.ResidentId.Create("130123", new DateOnly(1970, 2, 2), 77).Value;
        (await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(resident, "孙八", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1), FirstContributionDate: new DateOnly(2025, 3, 1))])))).Succeeded.ShouldBeTrue();
        var add = await db.InScopeAsync(sp => sp.GetRequiredService<SaveWaitingPeriodRuleHandler>().HandleAsync(
            new SaveWaitingPeriodRule("130123", "390", new DateOnly(2020, 1, 1), true, 3, 3, 3)));
        add.Succeeded.ShouldBeTrue();

        async Task<DateOnly?> BenefitFrom() => (await db.InScopeAsync(sp => sp.GetRequiredService<GetEligibilityHandler>().HandleAsync(
            new GetEligibility(resident, new DateOnly(2025, 12, 1))))).Value!.InsuInfo.Single().TrtBegndate;

        (await BenefitFrom()).ShouldBe(new DateOnly(2025, 6, 1)); // 3 months after the late first contribution

        var update = (IServiceProvider sp) => sp.GetRequiredService<UpdateWaitingPeriodRuleHandler>();
        var bad = await db.InScopeAsync(sp => update(sp).HandleAsync(new UpdateWaitingPeriodRule(add.Value, true, 30, -1, 3)));
        bad.Errors.Select(e => e.Message).ShouldBe(["首次缴费等待期：须在 0–24 个月之间", "中断后等待期：须在 0–24 个月之间"], ignoreOrder: true);
        (await db.InScopeAsync(sp => update(sp).HandleAsync(new UpdateWaitingPeriodRule(999, true, 1, 1, 1)))).Errors.Single().Message.ShouldBe("待遇享受期规则：未找到编号为 999 的规则");

        (await db.InScopeAsync(sp => update(sp).HandleAsync(new UpdateWaitingPeriodRule(add.Value, true, 1, 3, 3)))).Succeeded.ShouldBeTrue();
        (await BenefitFrom()).ShouldBe(new DateOnly(2025, 4, 1));

        (await db.InScopeAsync(sp => update(sp).HandleAsync(new UpdateWaitingPeriodRule(add.Value, true, 1, 3, 3, ExemptCategories: [PersonCategory.AdultResident])))).Succeeded.ShouldBeTrue();
        (await BenefitFrom()).ShouldBe(new DateOnly(2025, 1, 1));
        var rules = await db.InScopeAsync(sp => sp.GetRequiredService<ListWaitingPeriodRulesHandler>().HandleAsync());
        rules.Single().ExemptCategories.ShouldBe([PersonCategory.AdultResident]);
    }
}
