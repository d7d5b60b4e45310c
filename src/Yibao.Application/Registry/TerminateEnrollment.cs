using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Accounts;
using Yibao.Domain.Accounts;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>终止参保 (死亡 / 转出 / 重复参保清理): <see cref="LastDay"/> is the last covered day (for 死亡 the date of death).</summary>
public sealed record TerminateEnrollment(long EnrollmentId, DateOnly LastDay, TerminationReason Reason, string? Note = null);

public sealed class TerminateEnrollmentValidator : AbstractValidator<TerminateEnrollment>
{
    public TerminateEnrollmentValidator()
    {
        RuleFor(x => x.Reason).IsInEnum().WithMessage("终止原因：须为 死亡、转出 或 重复参保清理").OverridePropertyName("reason");
        RuleFor(x => x.Note).MaximumLength(200).WithMessage("备注：不能超过 200 个字符").OverridePropertyName("memo");
    }
}

public sealed class TerminateEnrollmentHandler(IAppDbContext db, TimeProvider clock)
{
    private static readonly TerminateEnrollmentValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(TerminateEnrollment command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        if (command.Reason == TerminationReason.Death && command.LastDay > clock.TodayInChina())
        {
            return AppResult<long>.Fail(new AppError("date-in-future", $"死亡日期：{command.LastDay:yyyy-MM-dd} 晚于今天", "enddate"));
        }

        // 死亡: the 职工个人账户 balance is refunded (退还) to the heirs in the same save.
        var enrollment = await db.Enrollments.AsNoTracking().Where(x => x.Id == command.EnrollmentId)
            .Select(x => new { x.PersonId, x.InsuranceType }).FirstOrDefaultAsync(ct);
        Func<PersonalAccountEntryRecord?> closeAccount = () => null;
        if (enrollment is not null && command.Reason == TerminationReason.Death)
        {
            closeAccount = await AccountPostings.PrepareCloseAsync(db, enrollment.PersonId, clock.TodayInChina(), transfer: false,
                $"死亡（{command.LastDay:yyyy-MM-dd}）", ct);
        }

        return await db.ChangeEnrollmentAsync(command.EnrollmentId, (coverage, e) =>
        {
            if (command.Reason == TerminationReason.TransferOut)
            {
                throw new DomainException("终止原因：转出请使用“关系转移（转出）”办理，以便带出缴费年限") { Field = "reason", Code = "use-transfer-out" };
            }

            e.Terminate(command.LastDay, command.Reason, command.Note?.Trim());

            // Death ends every other enrollment of the person on the same day.
            if (command.Reason == TerminationReason.Death)
            {
                foreach (var other in coverage.Enrollments.Where(x => x != e && !x.IsTerminated && x.BeginDate <= command.LastDay))
                {
                    other.Terminate(command.LastDay, TerminationReason.Death, command.Note?.Trim());
                }
            }

            closeAccount();
            return e.Id;
        }, ct);
    }
}
