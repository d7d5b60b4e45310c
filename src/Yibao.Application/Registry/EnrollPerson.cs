using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>
/// 参保登记 / 转入登记 of an existing person (by psn_no or certno) in one 险种. A transfer-in carries the contribution
/// months from the area it comes from (<see cref="TransferFromArea"/> + <see cref="CarriedMonths"/>).
/// </summary>
public sealed record EnrollPerson(
    string Person,
    string Insutype,
    string PsnType,
    DateOnly BeginDate,
    string? EmployerNo = null,
    DateOnly? FirstContributionDate = null,
    int CarriedMonths = 0,
    string? TransferFromArea = null,
    string? Note = null);

public sealed class EnrollPersonValidator : AbstractValidator<EnrollPerson>
{
    public EnrollPersonValidator()
    {
        RuleFor(x => x.Person).NotEmpty().WithMessage("人员：请填写人员编号或证件号码").OverridePropertyName("psn_no");
        RuleFor(x => x.Insutype).Must(RegistryLookups.IsInsuranceType).WithMessage(RegistryLookups.InsutypeMessage).OverridePropertyName("insutype");
        RuleFor(x => x.PsnType).Must(RegistryLookups.IsCategory).WithMessage(RegistryLookups.PsnTypeMessage).OverridePropertyName("psn_type");
        RuleFor(x => x.CarriedMonths).InclusiveBetween(0, 1200).WithMessage("带入缴费月数：须在 0–1200 之间").OverridePropertyName("carried_months");
        RuleFor(x => x.TransferFromArea).Matches("^[1-9][0-9]{5}$").When(x => !string.IsNullOrEmpty(x.TransferFromArea))
            .WithMessage("转出地统筹区：须为 6 位行政区划代码").OverridePropertyName("transfer_admdvs");
        RuleFor(x => x.Note).MaximumLength(200).WithMessage("备注：不能超过 200 个字符").OverridePropertyName("memo");
    }
}

public sealed class EnrollPersonHandler(IAppDbContext db, TimeProvider clock)
{
    private static readonly EnrollPersonValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(EnrollPerson command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        var person = await db.FindPersonAsync(command.Person, ct);
        if (person is null)
        {
            return AppResult<long>.Fail(RegistryLookups.PersonNotFound(command.Person));
        }

        var employer = await FindEmployerAsync(db, command.EmployerNo, ct);
        if (command.EmployerNo is { Length: > 0 } && employer is null)
        {
            return AppResult<long>.Fail(new AppError("employer-not-found", $"参保单位：未找到单位编号“{command.EmployerNo}”", "emp_no"));
        }

        var coverage = await db.LoadCoverageAsync(person, ct);
        Enrollment enrollment;
        try
        {
            enrollment = Apply(coverage, command, employer, person.PoolAreaCode, clock.TodayInChina());
        }
        catch (DomainException ex)
        {
            return AppResult<long>.Fail(ex.ToAppError());
        }

        db.Enrollments.Add(enrollment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request changed this person's coverage after we checked it (e.g. the same enrollment submitted twice).
            return AppResult<long>.Fail(RegistryLookups.CoverageChangedConcurrently());
        }

        return AppResult<long>.Ok(enrollment.Id);
    }

    internal static async Task<Employer?> FindEmployerAsync(IAppDbContext db, string? employerNo, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(employerNo) ? null : await db.Employers.FirstOrDefaultAsync(e => e.EmployerNo == employerNo, ct);

    internal static Enrollment Apply(PersonCoverage coverage, EnrollPerson command, Employer? employer, string poolAreaCode, DateOnly today)
    {
        if (command.FirstContributionDate is { } paid && paid > today)
        {
            throw new DomainException($"首次缴费日期：{paid:yyyy-MM-dd} 晚于今天，不能登记未来的缴费") { Field = "first_pay_date", Code = "date-in-future" };
        }

        if (employer is { Status: EmployerStatus.Closed })
        {
            throw new DomainException($"参保单位：{employer.Name}已注销，不能新增参保人员") { Field = "emp_no", Code = "employer-closed" };
        }

        return coverage.Enroll(
            RegistryLookups.ToInsuranceType(command.Insutype), RegistryLookups.ToCategory(command.PsnType), command.BeginDate, poolAreaCode,
            employer?.Id, command.FirstContributionDate, command.CarriedMonths,
            string.IsNullOrEmpty(command.TransferFromArea) ? null : command.TransferFromArea, command.Note);
    }
}
