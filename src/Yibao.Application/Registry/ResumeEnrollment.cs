using Yibao.Application.Common;

namespace Yibao.Application.Registry;

/// <summary>恢复参保 from a date (the first covered day again); refused when it would overlap the other basic insurance.</summary>
public sealed record ResumeEnrollment(long EnrollmentId, DateOnly EffectiveDate, string? Reason = null);

public sealed class ResumeEnrollmentHandler(IAppDbContext db)
{
    public Task<AppResult<long>> HandleAsync(ResumeEnrollment command, CancellationToken ct = default) =>
        db.ChangeEnrollmentAsync(command.EnrollmentId, (coverage, e) =>
        {
            coverage.Resume(e, command.EffectiveDate, command.Reason?.Trim());
            return e.Id;
        }, ct);
}
