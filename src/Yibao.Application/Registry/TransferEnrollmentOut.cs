using Microsoft.EntityFrameworkCore;
using Yibao.Application.Accounts;
using Yibao.Application.Common;
using Yibao.Domain.Accounts;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>关系转移接续（转出）: ends the enrollment with reason 转出 and reports the contribution months carried to <see cref="ToArea"/>.</summary>
public sealed record TransferEnrollmentOut(long EnrollmentId, DateOnly LastDay, string ToArea, string? Note = null);

/// <summary>转移凭证: what the receiving area needs (险种, months carried).</summary>
public sealed record TransferOutCertificate(long EnrollmentId, string Insutype, string ToArea, DateOnly LastDay, int ContributionMonths);

public sealed class TransferEnrollmentOutHandler(IAppDbContext db, TimeProvider clock)
{
    public async Task<AppResult<TransferOutCertificate>> HandleAsync(TransferEnrollmentOut command, CancellationToken ct = default)
    {
        // 310 转出: the 职工个人账户 balance goes with the enrollment (转出) in the same save.
        var enrollment = await db.Enrollments.AsNoTracking().Where(x => x.Id == command.EnrollmentId)
            .Select(x => new { x.PersonId, x.InsuranceType }).FirstOrDefaultAsync(ct);
        Func<PersonalAccountEntryRecord?> closeAccount = () => null;
        if (enrollment is { InsuranceType: InsuranceType.EmployeeBasic })
        {
            closeAccount = await AccountPostings.PrepareCloseAsync(db, enrollment.PersonId, clock.TodayInChina(), transfer: true,
                (command.ToArea ?? string.Empty).Trim(), ct);
        }

        return await db.ChangeEnrollmentAsync(command.EnrollmentId, (_, e) =>
        {
            var months = e.TransferOut(command.LastDay, (command.ToArea ?? string.Empty).Trim(), command.Note?.Trim());
            closeAccount();
            return new TransferOutCertificate(e.Id, RegistryLookups.Code(e.InsuranceType), e.TransferAreaCode!, command.LastDay, months);
        }, ct);
    }
}
