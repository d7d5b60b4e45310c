using CsCheck;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Domain.Tests.Registry;

public sealed class EnrollmentTests
{
    private static readonly DateOnly Birth = new(1980, 5, 1);
    private static readonly DateOnly Y2024 = new(2024, 1, 1);

    private static PersonCoverage NewPerson(params PersonSpecialStatus[] statuses) => new(1, Birth, [], statuses);

    [Fact]
    public void Lifecycle_register_change_suspend_resume_terminate_keeps_history()
    {
        var p = NewPerson();
        var e = p.Enroll(InsuranceType.EmployeeBasic, PersonCategory.InService, Y2024, "130123", employerId: 7);
        e.Suspend(new DateOnly(2024, 6, 1), "单位停缴");
        e.Status.ShouldBe(EnrollmentStatus.Suspended);
        p.Resume(e, new DateOnly(2024, 9, 1), "恢复缴费");
        e.ChangeCategory(PersonCategory.Retired, new DateOnly(2025, 1, 1), "办理退休");
        e.Terminate(new DateOnly(2025, 3, 10), TerminationReason.Death);

        e.Events.Select(x => x.Kind).ShouldBe([EnrollmentEventKind.Registered, EnrollmentEventKind.Suspended, EnrollmentEventKind.Resumed, EnrollmentEventKind.CategoryChanged, EnrollmentEventKind.Terminated]);
        e.StatusOn(new DateOnly(2024, 7, 1)).ShouldBe(EnrollmentStatus.Suspended);
        e.StatusOn(new DateOnly(2024, 9, 1)).ShouldBe(EnrollmentStatus.Active);
        e.StatusOn(new DateOnly(2025, 3, 10)).ShouldBe(EnrollmentStatus.Active);
        e.StatusOn(new DateOnly(2025, 3, 11)).ShouldBe(EnrollmentStatus.Terminated);
        e.CategoryOn(new DateOnly(2024, 12, 31)).ShouldBe(PersonCategory.InService);
        e.CategoryOn(new DateOnly(2025, 1, 1)).ShouldBe(PersonCategory.Retired);
        // Jan–May 2024, Sep 2024–Mar 2025 = 5 + 7 months.
        e.ContributionMonths(new DateOnly(2025, 12, 31)).ShouldBe(12);
    }

    [Fact]
    public void Actions_on_a_terminated_enrollment_are_refused_in_Chinese()
    {
        var p = NewPerson();
        var e = p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123");
        e.Terminate(new DateOnly(2024, 12, 31), TerminationReason.DuplicateCleanup);
        Should.Throw<DomainException>(() => e.Suspend(new DateOnly(2025, 2, 1), "x")).Message.ShouldBe("参保状态：该参保记录已终止（重复参保清理），不能暂停");
        Should.Throw<DomainException>(() => e.ChangeCategory(PersonCategory.ElderlyResident, new DateOnly(2025, 2, 1))).Code.ShouldBe("enrollment-terminated");
        Should.Throw<DomainException>(() => e.Terminate(new DateOnly(2025, 2, 1), TerminationReason.Death)).Field.ShouldBe("psn_insu_stas");
        Should.Throw<DomainException>(() => e.Resume(new DateOnly(2025, 2, 1))).Message.ShouldContain("不能恢复");
    }

    [Fact]
    public void Employee_and_resident_basic_insurance_cannot_overlap_but_may_follow_a_suspension()
    {
        var p = NewPerson();
        var resident = p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123");
        var ex = Should.Throw<DomainException>(() => p.Enroll(InsuranceType.EmployeeBasic, PersonCategory.InService, new DateOnly(2024, 5, 1), "130123", employerId: 1));
        ex.Message.ShouldBe("险种：已参加城乡居民基本医疗保险（390，2024-01-01 起），不能同时参加职工基本医疗保险（310）；请先暂停或终止原参保");
        ex.Field.ShouldBe("insutype");

        resident.Suspend(new DateOnly(2024, 5, 1), "参加职工医保");
        var employee = p.Enroll(InsuranceType.EmployeeBasic, PersonCategory.InService, new DateOnly(2024, 5, 1), "130123", employerId: 1);
        employee.Id.ShouldBe(0);
        Should.Throw<DomainException>(() => p.Resume(resident, new DateOnly(2024, 8, 1))).Code.ShouldBe("employee-resident-conflict");
        resident.Status.ShouldBe(EnrollmentStatus.Suspended);
        employee.Terminate(new DateOnly(2024, 10, 31), TerminationReason.TransferOut);
        p.Resume(resident, new DateOnly(2024, 11, 1));
        resident.Status.ShouldBe(EnrollmentStatus.Active);
    }

    [Fact]
    public void Same_insurance_type_cannot_overlap_and_the_message_names_the_field()
    {
        var p = NewPerson();
        p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123");
        var ex = Should.Throw<DomainException>(() => p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2025, 1, 1), "130123"));
        ex.Message.ShouldStartWith("参保日期：与已有城乡居民基本医疗保险（390）参保记录（2024-01-01 起）时间重叠");
        ex.Code.ShouldBe("enrollment-overlap");
    }

    [Fact]
    public void Category_must_fit_the_insurance_type_and_supplements_need_their_basic_insurance()
    {
        var p = NewPerson();
        Should.Throw<DomainException>(() => p.Enroll(InsuranceType.ResidentBasic, PersonCategory.Retired, Y2024, "130123"))
            .Message.ShouldBe("人员类别：“退休”不能参加城乡居民基本医疗保险（390）");
        Should.Throw<DomainException>(() => p.Enroll(InsuranceType.ResidentCritical, PersonCategory.AdultResident, Y2024, "130123"))
            .Code.ShouldBe("basic-insurance-required");
        Should.Throw<DomainException>(() => p.Enroll(InsuranceType.EmployeeBasic, PersonCategory.InService, Y2024, "130123"))
            .Message.ShouldBe("参保单位：在职职工参加职工基本医疗保险必须有参保单位");
        Should.Throw<DomainException>(() => p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(1970, 1, 1), "130123"))
            .Code.ShouldBe("begin-before-birth");
    }

    [Fact]
    public void Nothing_can_be_enrolled_after_death()
    {
        var p = NewPerson();
        var e = p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, Y2024, "130123");
        e.Terminate(new DateOnly(2024, 3, 5), TerminationReason.Death);
        Should.Throw<DomainException>(() => p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, new DateOnly(2025, 1, 1), "130123"))
            .Message.ShouldBe("参保日期：该人员已于 2024-03-05 死亡，不能再参保");
    }

    [Fact]
    public void Transfer_out_carries_contribution_months_into_the_new_area()
    {
        var p = NewPerson();
        var e = p.Enroll(InsuranceType.EmployeeBasic, PersonCategory.InService, new DateOnly(2020, 1, 1), "130123", employerId: 1, carriedMonths: 24, transferFromArea: "130100");
        e.Events[0].Kind.ShouldBe(EnrollmentEventKind.TransferredIn);
        var months = e.TransferOut(new DateOnly(2024, 12, 31), "110105");
        months.ShouldBe(24 + 60);
        e.TerminationReason.ShouldBe(TerminationReason.TransferOut);
        e.TransferAreaCode.ShouldBe("110105");
        Should.Throw<DomainException>(() => p.Enroll(InsuranceType.EmployeeBasic, PersonCategory.InService, Y2024, "130123", employerId: 1, carriedMonths: 3))
            .Field.ShouldBe("transfer_admdvs");
    }

    [Fact]
    public void Special_statuses_of_one_type_cannot_overlap()
    {
        var p = NewPerson();
        var s = p.AddSpecialStatus(SpecialStatusType.PovertyAlleviated, Y2024, null, "乡村振兴局");
        Should.Throw<DomainException>(() => p.AddSpecialStatus(SpecialStatusType.PovertyAlleviated, new DateOnly(2024, 6, 1), null, "乡村振兴局"))
            .Message.ShouldBe("特殊身份：脱贫人口与已有记录（2024-01-01 起）时间重叠");
        p.AddSpecialStatus(SpecialStatusType.MinimumLiving, Y2024, null, "民政局");
        s.End(new DateOnly(2024, 12, 31));
        Should.Throw<DomainException>(() => s.End(new DateOnly(2025, 1, 31))).Code.ShouldBe("status-already-ended");
        p.AddSpecialStatus(SpecialStatusType.PovertyAlleviated, new DateOnly(2025, 1, 1), null, "乡村振兴局").ShouldNotBeNull();
        Should.Throw<DomainException>(() => p.AddSpecialStatus(SpecialStatusType.Destitute, Y2024, null, " ")).Field.ShouldBe("source");
    }

    /// <summary>Whatever order of registrations is tried, the enrollments accepted in one 险种 never overlap, and every refusal was a real overlap.</summary>
    [Fact]
    public void Property_accepted_enrollments_of_one_type_never_overlap()
    {
        var attempt = Gen.Select(Gen.Int[0, 3000], Gen.Int[-1, 900]);
        attempt.Array[1, 12].Sample(attempts =>
        {
            var p = NewPerson();
            foreach (var (offset, length) in attempts)
            {
                var begin = Y2024.AddDays(offset);
                var existingClash = p.Enrollments.Any(e => e.Overlaps(begin, null));
                try
                {
                    var e = p.Enroll(InsuranceType.ResidentBasic, PersonCategory.AdultResident, begin, "130123");
                    existingClash.ShouldBeFalse();
                    if (length >= 0)
                    {
                        e.Terminate(begin.AddDays(length), TerminationReason.TransferOut);
                    }
                }
                catch (DomainException ex)
                {
                    ex.Code.ShouldBe("enrollment-overlap");
                    existingClash.ShouldBeTrue();
                }
            }

            var list = p.Enrollments.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    list[i].Overlaps(list[j].BeginDate, list[j].EndDate).ShouldBeFalse();
                }
            }
        });
    }
}
