using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>举报登记: date, channel, reporter (name and phone, empty = 匿名), the institution reported (optional) and the content.</summary>
public sealed record RegisterComplaint(DateOnly ReceivedOn, ComplaintChannel Channel, string? ReporterName, string? ReporterPhone, string? InstitutionCode, string Content);

public sealed class RegisterComplaintValidator : AbstractValidator<RegisterComplaint>
{
    public RegisterComplaintValidator()
    {
        RuleFor(x => x.Channel).IsInEnum().WithMessage("举报渠道：须为 电话、信件、网络 或 来访");
        RuleFor(x => x.Content).NotEmpty().WithMessage("举报内容：不能为空").MaximumLength(1000).WithMessage("举报内容：不能超过 1000 个字符");
        RuleFor(x => x.ReporterName).MaximumLength(50).WithMessage("举报人：不能超过 50 个字符");
        RuleFor(x => x.ReporterPhone).Matches("^[0-9-]{7,20}$").When(x => !string.IsNullOrWhiteSpace(x.ReporterPhone)).WithMessage("联系电话：须为 7–20 位数字");
    }
}

public sealed class RegisterComplaintHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly RegisterComplaintValidator Validator = new();

    public async Task<AppResult<Complaint>> HandleAsync(RegisterComplaint c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<Complaint>.Fail(v.ToAppErrors());
        }

        if (c.ReceivedOn > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<Complaint>("受理日期：不能晚于今天", "received_on");
        }

        long? institutionId = null;
        if (!string.IsNullOrWhiteSpace(c.InstitutionCode))
        {
            var code = c.InstitutionCode.Trim().ToUpperInvariant();
            institutionId = await db.Institutions.Where(i => i.Code == code).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (institutionId is null)
            {
                return SupervisionSupport.Fail<Complaint>($"被举报机构：编号 {code} 不存在", "institution_code", SupervisionErrors.InstitutionNotFound);
            }
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var nos = await db.Complaints.Select(x => x.ComplaintNo).ToListAsync(ct);
            var complaint = new Complaint
            {
                ComplaintNo = SupervisionSupport.NextNo("JB", c.ReceivedOn.Year, nos),
                ReceivedOn = c.ReceivedOn,
                Channel = c.Channel,
                ReporterName = string.IsNullOrWhiteSpace(c.ReporterName) ? null : c.ReporterName.Trim(),
                ReporterPhone = string.IsNullOrWhiteSpace(c.ReporterPhone) ? null : c.ReporterPhone.Trim(),
                InstitutionId = institutionId,
                Content = c.Content.Trim(),
                CreatedBy = user.UserName,
                CreatedAt = clock.Now(),
            };
            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(ct);
            return AppResult<Complaint>.Ok(complaint);
        }, ct);
    }
}

/// <summary>不予受理 a complaint (with the reason) or 并案: link it to an existing case by 案件编号.</summary>
public sealed record ResolveComplaint(long ComplaintId, string? RejectReason, string? CaseNo);

public sealed class ResolveComplaintHandler(IAppDbContext db)
{
    public async Task<AppResult<Complaint>> HandleAsync(ResolveComplaint c, CancellationToken ct = default)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(x => x.Id == c.ComplaintId, ct);
        if (complaint is null)
        {
            return SupervisionSupport.Fail<Complaint>("举报：不存在", "complaint_id", SupervisionErrors.NotFound);
        }

        if (complaint.Status != ComplaintStatus.Received)
        {
            return SupervisionSupport.Fail<Complaint>($"举报：状态为“{Complaint.StatusName(complaint.Status)}”，不能再处理", "complaint_id", "complaint-not-open");
        }

        if (!string.IsNullOrWhiteSpace(c.CaseNo))
        {
            var no = c.CaseNo.Trim().ToUpperInvariant();
            var sc = await db.SupervisionCases.AsNoTracking().FirstOrDefaultAsync(x => x.CaseNo == no, ct);
            if (sc is null)
            {
                return SupervisionSupport.Fail<Complaint>($"案件编号：{no} 不存在", "case_no", SupervisionErrors.NotFound);
            }

            complaint.CaseId = sc.Id;
            complaint.Status = ComplaintStatus.Linked;
            complaint.InstitutionId ??= sc.InstitutionId;
        }
        else if (!string.IsNullOrWhiteSpace(c.RejectReason))
        {
            if (c.RejectReason.Length > 200)
            {
                return SupervisionSupport.Fail<Complaint>("不予受理理由：不能超过 200 个字符", "reject_reason");
            }

            complaint.Status = ComplaintStatus.Rejected;
            complaint.RejectReason = c.RejectReason.Trim();
        }
        else
        {
            return SupervisionSupport.Fail<Complaint>("处理方式：请填写并案的案件编号，或不予受理的理由", "case_no");
        }

        await db.SaveChangesAsync(ct);
        return AppResult<Complaint>.Ok(complaint);
    }
}

/// <summary>
/// 核定举报奖励: the linked case must have a 处理决定 with a 追回金额 (the 查实金额); the reward is computed from the 举报奖励档次 of the policy in
/// force on the decision date (累进 by tier, then floor and cap). Anonymous reports get no reward (nobody to pay).
/// </summary>
public sealed record GrantComplaintReward(long ComplaintId, DateOnly Date);

public sealed class GrantComplaintRewardHandler(IAppDbContext db, TimeProvider clock)
{
    public async Task<AppResult<Complaint>> HandleAsync(GrantComplaintReward c, CancellationToken ct = default)
    {
        if (c.Date > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<Complaint>("核定日期：不能晚于今天", "date");
        }

        var complaint = await db.Complaints.FirstOrDefaultAsync(x => x.Id == c.ComplaintId, ct);
        if (complaint is null)
        {
            return SupervisionSupport.Fail<Complaint>("举报：不存在", "complaint_id", SupervisionErrors.NotFound);
        }

        if (complaint.RewardAmount is not null)
        {
            return SupervisionSupport.Fail<Complaint>($"举报奖励：已核定 {complaint.RewardAmount:0.00} 元，不能重复核定", "complaint_id", "reward-already-granted");
        }

        if (complaint.ReporterName is null)
        {
            return SupervisionSupport.Fail<Complaint>("举报奖励：匿名举报没有可以发放奖励的举报人", "reporter_name", "anonymous-reporter");
        }

        var sc = complaint.CaseId is { } caseId ? await db.SupervisionCases.AsNoTracking().Include(x => x.Outcomes).SingleAsync(x => x.Id == caseId, ct) : null;
        if (sc is null || sc.Status is not (CaseStatus.Decided or CaseStatus.Closed) || sc.DecidedOn is null)
        {
            return SupervisionSupport.Fail<Complaint>("举报奖励：举报须已转为案件并作出处理决定，才能核定奖励", "complaint_id", "case-not-decided");
        }

        var verified = sc.Outcomes.Where(o => o.Kind == OutcomeKind.Recovery).Sum(o => o.Amount);
        if (verified <= 0)
        {
            return SupervisionSupport.Fail<Complaint>("举报奖励：案件没有查实的追回金额，不予奖励", "complaint_id", "nothing-verified");
        }

        var policy = await SupervisionSupport.PolicyOnAsync(db, sc.DecidedOn.Value, ct);
        complaint.RewardBase = verified;
        complaint.RewardAmount = policy.Reward(verified);
        complaint.RewardGrantedOn = c.Date;
        complaint.RewardFund = sc.Fund;
        await db.SaveChangesAsync(ct);
        return AppResult<Complaint>.Ok(complaint);
    }
}
