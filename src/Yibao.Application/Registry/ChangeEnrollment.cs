using FluentValidation;
using Yibao.Application.Common;

namespace Yibao.Application.Registry;

/// <summary>参保信息变更: a new person category (e.g. 在职 → 退休) and/or employer from a date.</summary>
public sealed record ChangeEnrollment(long EnrollmentId, string PsnType, DateOnly EffectiveDate, string Reason, string? EmployerNo = null);

public sealed class ChangeEnrollmentValidator : AbstractValidator<ChangeEnrollment>
{
    public ChangeEnrollmentValidator()
    {
        RuleFor(x => x.PsnType).Must(RegistryLookups.IsCategory).WithMessage(RegistryLookups.PsnTypeMessage).OverridePropertyName("psn_type");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("变更原因：不能为空").MaximumLength(200).WithMessage("变更原因：不能超过 200 个字符").OverridePropertyName("reason");
    }
}

public sealed class ChangeEnrollmentHandler(IAppDbContext db)
{
    private static readonly ChangeEnrollmentValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(ChangeEnrollment command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        var employer = await EnrollPersonHandler.FindEmployerAsync(db, command.EmployerNo, ct);
        if (command.EmployerNo is { Length: > 0 } && employer is null)
        {
            return AppResult<long>.Fail(new AppError("employer-not-found", $"参保单位：未找到单位编号“{command.EmployerNo}”", "emp_no"));
        }

        return await db.ChangeEnrollmentAsync(command.EnrollmentId, (_, e) =>
        {
            e.ChangeCategory(RegistryLookups.ToCategory(command.PsnType), command.EffectiveDate, command.Reason.Trim(), employer?.Id);
            return e.Id;
        }, ct);
    }
}
