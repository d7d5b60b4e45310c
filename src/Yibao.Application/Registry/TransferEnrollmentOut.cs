using Yibao.Application.Common;

namespace Yibao.Application.Registry;

/// <summary>关系转移接续（转出）: ends the enrollment with reason 转出 and reports the contribution months carried to <see cref="ToArea"/>.</summary>
public sealed record TransferEnrollmentOut(long EnrollmentId, DateOnly LastDay, string ToArea, string? Note = null);

/// <summary>转移凭证: what the receiving area needs (险种, months carried).</summary>
public sealed record TransferOutCertificate(long EnrollmentId, string Insutype, string ToArea, DateOnly LastDay, int ContributionMonths);

public sealed class TransferEnrollmentOutHandler(IAppDbContext db)
{
    public Task<AppResult<TransferOutCertificate>> HandleAsync(TransferEnrollmentOut command, CancellationToken ct = default) =>
        db.ChangeEnrollmentAsync(command.EnrollmentId, (_, e) =>
        {
            var months = e.TransferOut(command.LastDay, (command.ToArea ?? string.Empty).Trim(), command.Note?.Trim());
            return new TransferOutCertificate(e.Id, RegistryLookups.Code(e.InsuranceType), e.TransferAreaCode!, command.LastDay, months);
        }, ct);
}
