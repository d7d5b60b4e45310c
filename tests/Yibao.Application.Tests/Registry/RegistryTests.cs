using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Registry;

public sealed class RegistryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly string Certno = ResidentId.Create("130123", new DateOnly(1985, 7, 9), 123).Value;

    private static Task<T> Run<T>(TestDatabase db, Func<IServiceProvider, Task<T>> f) => db.InScopeAsync(f);

    internal static async Task SeedEmployerAsync(TestDatabase db, string no = "E001")
    {
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.Employers.Add(new Employer { EmployerNo = no, CreditCode = CreditCode.Create("91130123MA0000" + no[1..]), Name = "示范县第一机械厂", PoolAreaCode = "130123" });
            await ctx.SaveChangesAsync();
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Registering_derives_birth_date_and_gender_and_refuses_duplicates(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var r = await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "张三", "130123", Gender: "1")));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        r.Value!.PersonNo.ShouldBe("1301230000000001");

        var p = await Run(db, sp => sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking().SingleAsync());
        p.BirthDate.ShouldBe(new DateOnly(1985, 7, 9));
        p.Gender.ShouldBe(Gender.Male);

        var dup = await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno.ToLowerInvariant(), "张三", "130123")));
        dup.Errors.Single().Message.ShouldBe("证件号码：130123********1233 已登记，不能重复登记".Replace("1233", Certno[14..], StringComparison.Ordinal));

        var second = await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(
            new RegisterPerson(ResidentId.Create("130123", new DateOnly(2001, 1, 2), 124).Value, "李四", "130123")));
        second.Value!.PersonNo.ShouldBe("1301230000000002");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bad_identity_input_gets_Chinese_errors_naming_the_field(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var h = (IServiceProvider sp) => sp.GetRequiredService<RegisterPersonHandler>();
        var badCheck = Certno[..17] + (Certno[17] == '0' ? "1" : "0");
        (await Run(db, sp => h(sp).HandleAsync(new RegisterPerson(badCheck, "张三", "130123")))).Errors.Single().Message
            .ShouldStartWith("证件号码：公民身份号码校验码错误");
        var mismatch = await Run(db, sp => h(sp).HandleAsync(new RegisterPerson(Certno, "张三", "130123", BirthDate: new DateOnly(1985, 7, 10))));
        mismatch.Errors.Single().Message.ShouldBe("出生日期：1985-07-10 与证件号码中的出生日期 1985-07-09 不一致");
        var gender = await Run(db, sp => h(sp).HandleAsync(new RegisterPerson(Certno, "张三", "130123", Gender: "2")));
        gender.Errors.Single().Message.ShouldBe("性别：与证件号码第 17 位（男）不一致");
        var many = await Run(db, sp => h(sp).HandleAsync(new RegisterPerson("", "", "12")));
        many.Errors.Select(e => e.Message.Split('：')[0]).ShouldBe(["证件号码", "姓名", "统筹区"], ignoreOrder: true);
        (await Run(db, sp => sp.GetRequiredService<AppDbContext>().Persons.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refused_enrollment_leaves_nothing_of_the_registration_behind(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedEmployerAsync(db);
        var command = new RegisterPerson(Certno, "张三", "130123", Enrollments:
        [
            new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1), FirstContributionDate: new DateOnly(2024, 11, 1)),
            new EnrollPerson("-", "310", "11", new DateOnly(2025, 6, 1), EmployerNo: "E001"),
        ]);
        var r = await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(command));
        r.Errors.Single().Message.ShouldBe("第 2 条参保信息 险种：已参加城乡居民基本医疗保险（390，2025-01-01 起），不能同时参加职工基本医疗保险（310）；请先暂停或终止原参保");
        r.Errors.Single().Field.ShouldBe("insutype");

        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            (await ctx.Persons.CountAsync()).ShouldBe(0);
            (await ctx.Enrollments.CountAsync()).ShouldBe(0);
            (await ctx.AuditEntries.CountAsync(a => a.Entity == "Person" || a.Entity == "Enrollment")).ShouldBe(0);
        });

        var ok = await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(command with { Enrollments = [command.Enrollments![0]] }));
        ok.Value!.EnrollmentIds.Count.ShouldBe(1);
        (await Run(db, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity == "Enrollment"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lifecycle_through_the_handlers_is_stored_with_its_history(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedEmployerAsync(db);
        await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "张三", "130123")));
        var enrolled = await Run(db, sp => sp.GetRequiredService<EnrollPersonHandler>().HandleAsync(
            new EnrollPerson(Certno, "310", "11", new DateOnly(2020, 1, 1), EmployerNo: "E001", FirstContributionDate: new DateOnly(2020, 1, 15))));
        enrolled.Succeeded.ShouldBeTrue(string.Join("；", enrolled.Errors.Select(e => e.Message)));
        var id = enrolled.Value;

        (await Run(db, sp => sp.GetRequiredService<SuspendEnrollmentHandler>().HandleAsync(new SuspendEnrollment(id, new DateOnly(2022, 3, 1), "单位欠费停保")))).Succeeded.ShouldBeTrue();
        var overlap = await Run(db, sp => sp.GetRequiredService<EnrollPersonHandler>().HandleAsync(new EnrollPerson(Certno, "310", "13", new DateOnly(2023, 1, 1))));
        overlap.Errors.Single().Message.ShouldEndWith("同一险种不能重复参保，请办理恢复参保");
        (await Run(db, sp => sp.GetRequiredService<ResumeEnrollmentHandler>().HandleAsync(new ResumeEnrollment(id, new DateOnly(2022, 5, 1))))).Succeeded.ShouldBeTrue();
        (await Run(db, sp => sp.GetRequiredService<ChangeEnrollmentHandler>().HandleAsync(new ChangeEnrollment(id, "12", new DateOnly(2025, 8, 1), "办理退休")))).Succeeded.ShouldBeTrue();
        var future = await Run(db, sp => sp.GetRequiredService<TerminateEnrollmentHandler>().HandleAsync(new TerminateEnrollment(id, new DateOnly(2027, 1, 1), TerminationReason.Death)));
        future.Errors.Single().Message.ShouldBe("死亡日期：2027-01-01 晚于今天");
        (await Run(db, sp => sp.GetRequiredService<TerminateEnrollmentHandler>().HandleAsync(new TerminateEnrollment(id, new DateOnly(2026, 2, 1), TerminationReason.Death)))).Succeeded.ShouldBeTrue();

        var refused = await Run(db, sp => sp.GetRequiredService<SuspendEnrollmentHandler>().HandleAsync(new SuspendEnrollment(id, new DateOnly(2026, 3, 1), "x")));
        refused.Errors.Single().Message.ShouldBe("参保状态：该参保记录已终止（死亡），不能暂停");
        (await Run(db, sp => sp.GetRequiredService<ResumeEnrollmentHandler>().HandleAsync(new ResumeEnrollment(999, new DateOnly(2026, 3, 1))))).Errors.Single().Code.ShouldBe("enrollment-not-found");

        var stored = await Run(db, sp => sp.GetRequiredService<AppDbContext>().Enrollments.AsNoTracking().Include(e => e.Events).SingleAsync());
        stored.Status.ShouldBe(EnrollmentStatus.Terminated);
        stored.Category.ShouldBe(PersonCategory.Retired);
        stored.EndDate.ShouldBe(new DateOnly(2026, 2, 1));
        stored.Events.OrderBy(e => e.Sequence).Select(e => e.Kind).ShouldBe([EnrollmentEventKind.Registered, EnrollmentEventKind.Suspended, EnrollmentEventKind.Resumed, EnrollmentEventKind.CategoryChanged, EnrollmentEventKind.Terminated]);

        var reenroll = await Run(db, sp => sp.GetRequiredService<EnrollPersonHandler>().HandleAsync(new EnrollPerson(Certno, "390", "23", new DateOnly(2026, 3, 1))));
        reenroll.Errors.Single().Code.ShouldBe("person-deceased");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transfer_out_reports_the_months_carried(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedEmployerAsync(db);
        await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "张三", "130123")));
        var id = (await Run(db, sp => sp.GetRequiredService<EnrollPersonHandler>().HandleAsync(
            new EnrollPerson(Certno, "310", "11", new DateOnly(2024, 1, 1), EmployerNo: "E001", CarriedMonths: 36, TransferFromArea: "130100")))).Value;
        var sameArea = await Run(db, sp => sp.GetRequiredService<TransferEnrollmentOutHandler>().HandleAsync(new TransferEnrollmentOut(id, new DateOnly(2025, 12, 31), "130123")));
        sameArea.Errors.Single().Message.ShouldBe("转入地统筹区：不能与本统筹区相同");
        var cert = await Run(db, sp => sp.GetRequiredService<TransferEnrollmentOutHandler>().HandleAsync(new TransferEnrollmentOut(id, new DateOnly(2025, 12, 31), "110105")));
        cert.Value!.ContributionMonths.ShouldBe(36 + 24);
        cert.Value.Insutype.ShouldBe("310");
        var viaTerminate = await Run(db, sp => sp.GetRequiredService<TerminateEnrollmentHandler>().HandleAsync(new TerminateEnrollment(id, new DateOnly(2025, 12, 31), TerminationReason.DuplicateCleanup)));
        viaTerminate.Errors.Single().Code.ShouldBe("enrollment-terminated");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Eligibility_by_psn_no_or_certno_applies_waiting_rules_and_special_statuses(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        (await Run(db, sp => sp.GetRequiredService<SaveWaitingPeriodRuleHandler>().HandleAsync(new SaveWaitingPeriodRule(
            "130123", "390", new DateOnly(2020, 1, 1), true, 3, 3, 3, [SpecialStatusType.PovertyAlleviated], [])))).Succeeded.ShouldBeTrue();
        var psnNo = (await Run(db, sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "张三", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2026, 1, 1), FirstContributionDate: new DateOnly(2026, 2, 10))])))).Value!.PersonNo;

        var before = await Run(db, sp => sp.GetRequiredService<GetEligibilityHandler>().HandleAsync(new GetEligibility(psnNo, new DateOnly(2026, 3, 1))));
        var insu = before.Value!.InsuInfo.Single();
        insu.Insutype.ShouldBe("390");
        insu.PsnType.ShouldBe("22");
        insu.PsnInsuStas.ShouldBe("1");
        insu.TrtFlag.ShouldBe("0");
        insu.TrtBegndate.ShouldBe(new DateOnly(2026, 5, 10));
        before.Value.BaseInfo.Certno.ShouldBe(Certno);
        before.Value.BaseInfo.Age.ShouldBe(40);
        before.Value.BaseInfo.Gend.ShouldBe("1");

        (await Run(db, sp => sp.GetRequiredService<AddSpecialStatusHandler>().HandleAsync(new AddSpecialStatus(Certno, "3", new DateOnly(2021, 1, 1), "乡村振兴局", SourceReference: "2021-批次1")))).Succeeded.ShouldBeTrue();
        var after = await Run(db, sp => sp.GetRequiredService<GetEligibilityHandler>().HandleAsync(new GetEligibility(Certno)));
        after.Value!.Date.ShouldBe(new DateOnly(2026, 3, 2));
        after.Value.InsuInfo.Single().TrtFlag.ShouldBe("1");
        after.Value.InsuInfo.Single().TrtBegndate.ShouldBe(new DateOnly(2026, 1, 1));
        after.Value.IdetInfo.Single().PsnIdetType.ShouldBe("3");
        after.Value.IdetInfo.Single().PsnIdetTypeName.ShouldBe("脱贫人口");

        var dupStatus = await Run(db, sp => sp.GetRequiredService<AddSpecialStatusHandler>().HandleAsync(new AddSpecialStatus(psnNo, "3", new DateOnly(2025, 1, 1), "乡村振兴局")));
        dupStatus.Errors.Single().Code.ShouldBe("status-overlap");
        (await Run(db, sp => sp.GetRequiredService<GetEligibilityHandler>().HandleAsync(new GetEligibility("130123000000009")))).Errors.Single().Code.ShouldBe("person-not-found");
    }
}
