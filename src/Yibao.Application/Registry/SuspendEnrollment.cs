using FluentValidation;
using Yibao.Application.Common;

namespace Yibao.Application.Registry;

/// <summary>暂停参保（暂停缴费/中断）from a date (the first day without coverage).</summary>
public sealed record SuspendEnrollment(long EnrollmentId, DateOnly EffectiveDate, string Reason);

public sealed class SuspendEnrollmentValidator : AbstractValidator<SuspendEnrollment>
{
    public SuspendEnrollmentValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("暂停原因：不能为空").MaximumLength(200).WithMessage("暂停原因：不能超过 200 个字符").OverridePropertyName("reason");
    }
}

public sealed class SuspendEnrollmentHandler(IAppDbContext db)
{
    private static readonly SuspendEnrollmentValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(SuspendEnrollment command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        return !validation.IsValid
            ? AppResult<long>.Fail(validation.ToAppErrors())
            : await db.ChangeEnrollmentAsync(command.EnrollmentId, (_, e) =>
            {
                e.Suspend(command.EffectiveDate, command.Reason.Trim());
                return e.Id;
            }, ct);
    }
}
