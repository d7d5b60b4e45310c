using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>
/// 登记线索 (opens a case in status 线索). Sources: an inspection finding (<see cref="FindingId"/>: institution, amount and fund come from
/// the finding), a complaint (<see cref="ComplaintId"/>: the complaint becomes 已转案件), a manual lead with a source reference (来文号 …),
/// or a review flag (<c>SourceType=ReviewFlag, SourceRef</c> = the flag's id; one case per flag).
/// </summary>
public sealed record OpenCase(CaseSourceType SourceType, string? SourceRef, string? InstitutionCode, string Summary, FundCode Fund, decimal LeadAmount,
    DateOnly ReceivedOn, long? FindingId = null, long? ComplaintId = null);

public sealed class OpenCaseValidator : AbstractValidator<OpenCase>
{
    public OpenCaseValidator()
    {
        RuleFor(x => x.SourceType).IsInEnum().WithMessage("线索来源：须为 现场检查、举报投诉、手工录入 或 智能审核疑点");
        RuleFor(x => x.Summary).NotEmpty().WithMessage("案由：不能为空").MaximumLength(500).WithMessage("案由：不能超过 500 个字符");
        RuleFor(x => x.Fund).IsInEnum().WithMessage("基金：不是有效的基金");
        RuleFor(x => x.LeadAmount).GreaterThanOrEqualTo(0).WithMessage("线索金额：不能为负数")
            .Must(a => decimal.Round(a, 2) == a).WithMessage("线索金额：最多两位小数（精确到分）");
        RuleFor(x => x.FindingId).NotNull().When(x => x.SourceType == CaseSourceType.InspectionFinding).WithMessage("检查问题：从现场检查立案须指明发现的问题");
        RuleFor(x => x.ComplaintId).NotNull().When(x => x.SourceType == CaseSourceType.Complaint).WithMessage("举报：从举报立案须指明举报编号");
        RuleFor(x => x.SourceRef).NotEmpty().When(x => x.SourceType is CaseSourceType.Manual or CaseSourceType.ReviewFlag)
            .WithMessage("来源编号：手工录入须填写来文号等来源编号，智能审核疑点须填写疑点编号");
        RuleFor(x => x.SourceRef).MaximumLength(60).WithMessage("来源编号：不能超过 60 个字符");
    }
}

public sealed class OpenCaseHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly OpenCaseValidator Validator = new();

    public async Task<AppResult<SupervisionCase>> HandleAsync(OpenCase c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<SupervisionCase>.Fail(v.ToAppErrors());
        }

        if (c.ReceivedOn > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<SupervisionCase>("登记日期：不能晚于今天", "received_on");
        }

        try
        {
            return await SupervisionSupport.RunAsync(db, () => OpenAsync(c, ct), ct);
        }
        catch (DbUpdateException) when (c.SourceType == CaseSourceType.ReviewFlag)
        {
            // Two transfers of the same flag at once: the unique index ux_supervision_cases_review_flag lets one case through.
            db.ChangeTracker.Clear();
            var sourceRef = c.SourceRef?.Trim() ?? "";
            if (await db.SupervisionCases.AsNoTracking().AnyAsync(x => x.SourceType == CaseSourceType.ReviewFlag && x.SourceRef == sourceRef, ct))
            {
                return SupervisionSupport.Fail<SupervisionCase>($"来源编号：智能审核疑点 {sourceRef} 已经立过案件（另一位用户刚刚移送），一个疑点只能立一个案件", "source_ref", "already-linked");
            }

            throw;
        }
    }

    private async Task<AppResult<SupervisionCase>> OpenAsync(OpenCase c, CancellationToken ct)
    {
        var sourceRef = c.SourceRef?.Trim() ?? "";
        var fund = c.Fund;
        var amount = c.LeadAmount;
        long? institutionId = null;
        InspectionFinding? finding = null;
        Complaint? complaint = null;
        switch (c.SourceType)
        {
            case CaseSourceType.InspectionFinding:
                finding = await db.InspectionFindings.FirstOrDefaultAsync(f => f.Id == c.FindingId, ct);
                if (finding is null)
                {
                    return SupervisionSupport.Fail<SupervisionCase>("检查问题：不存在", "finding_id", SupervisionErrors.NotFound);
                }

                if (finding.CaseId is not null)
                {
                    return SupervisionSupport.Fail<SupervisionCase>("检查问题：已经转为案件，不能重复立案", "finding_id", "already-linked");
                }

                var inspection = await db.Inspections.AsNoTracking().SingleAsync(i => i.Id == finding.InspectionId, ct);
                var planNo = await db.InspectionPlans.Where(p => p.Id == inspection.PlanId).Select(p => p.PlanNo).SingleAsync(ct);
                var code = await db.Institutions.Where(i => i.Id == inspection.InstitutionId).Select(i => i.Code).SingleAsync(ct);
                institutionId = inspection.InstitutionId;
                sourceRef = $"{planNo}-{code}-{finding.Seq}";
                fund = finding.Fund;
                amount = finding.Amount;
                break;
            case CaseSourceType.Complaint:
                complaint = await db.Complaints.FirstOrDefaultAsync(x => x.Id == c.ComplaintId, ct);
                if (complaint is null)
                {
                    return SupervisionSupport.Fail<SupervisionCase>("举报：不存在", "complaint_id", SupervisionErrors.NotFound);
                }

                if (complaint.Status != ComplaintStatus.Received)
                {
                    return SupervisionSupport.Fail<SupervisionCase>($"举报：{complaint.ComplaintNo} 状态为“{Complaint.StatusName(complaint.Status)}”，不能再转为案件", "complaint_id", "complaint-not-open");
                }

                institutionId = complaint.InstitutionId;
                sourceRef = complaint.ComplaintNo;
                break;
            case CaseSourceType.ReviewFlag:
                if (await db.SupervisionCases.AnyAsync(x => x.SourceType == CaseSourceType.ReviewFlag && x.SourceRef == sourceRef, ct))
                {
                    return SupervisionSupport.Fail<SupervisionCase>($"来源编号：智能审核疑点 {sourceRef} 已经立过案件", "source_ref", "already-linked");
                }

                break;
            case CaseSourceType.Manual:
                break;
        }

        if (!string.IsNullOrWhiteSpace(c.InstitutionCode))
        {
            var code = c.InstitutionCode.Trim().ToUpperInvariant();
            var id = await db.Institutions.Where(i => i.Code == code).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                return SupervisionSupport.Fail<SupervisionCase>($"定点医药机构：编号 {code} 不存在", "institution_code", SupervisionErrors.InstitutionNotFound);
            }

            if (finding is not null && id != institutionId)
            {
                return SupervisionSupport.Fail<SupervisionCase>("定点医药机构：与检查问题所属的机构不一致", "institution_code");
            }

            institutionId = id;
        }

        if (institutionId is null)
        {
            return SupervisionSupport.Fail<SupervisionCase>("定点医药机构：不能为空（案件须指明涉案的定点医药机构）", "institution_code");
        }

        var year = c.ReceivedOn.Year;
        var nos = await db.SupervisionCases.Select(x => x.CaseNo).ToListAsync(ct);
        var sc = new SupervisionCase
        {
            CaseNo = SupervisionSupport.NextNo("JC", year, nos),
            InstitutionId = institutionId.Value,
            SourceType = c.SourceType,
            SourceRef = sourceRef,
            Summary = c.Summary.Trim(),
            Fund = fund,
            LeadAmount = amount,
            ReceivedOn = c.ReceivedOn,
            CreatedBy = user.UserName,
            CreatedAt = clock.Now(),
        };
        db.SupervisionCases.Add(sc);
        await db.SaveChangesAsync(ct);
        if (finding is not null)
        {
            finding.CaseId = sc.Id;
        }

        if (complaint is not null)
        {
            complaint.CaseId = sc.Id;
            complaint.Status = ComplaintStatus.Linked;
            complaint.InstitutionId ??= institutionId;
        }

        await db.SaveChangesAsync(ct);
        return AppResult<SupervisionCase>.Ok(sc);
    }
}

/// <summary>立案 / 不予立案 / 开始调查 / 结案 (查无违规 or after the decision was carried out): a step with date, person and reason.</summary>
public sealed record AdvanceCase(long CaseId, CaseAction Action, DateOnly Date, string Reason);

public sealed class AdvanceCaseHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<SupervisionCase>> HandleAsync(AdvanceCase c, CancellationToken ct = default)
    {
        if (c.Action == CaseAction.Decide)
        {
            return SupervisionSupport.Fail<SupervisionCase>("处理决定：请通过“处理决定”登记追回、违约金和暂停等结果", "action");
        }

        if (!Enum.IsDefined(c.Action))
        {
            return SupervisionSupport.Fail<SupervisionCase>("操作：不是有效的案件操作", "action");
        }

        if (c.Date > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<SupervisionCase>("办理日期：不能晚于今天", "date");
        }

        if (c.Reason is { Length: > 500 })
        {
            return SupervisionSupport.Fail<SupervisionCase>("理由：不能超过 500 个字符", "reason");
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var sc = await db.SupervisionCases.Include(x => x.Steps).Include(x => x.Outcomes).FirstOrDefaultAsync(x => x.Id == c.CaseId, ct);
            if (sc is null)
            {
                return SupervisionSupport.Fail<SupervisionCase>("案件：不存在", "case_id", SupervisionErrors.NotFound);
            }

            CaseWorkflow.Apply(sc, c.Action, c.Date, user.UserName, c.Reason ?? "", clock.Now());
            await db.SaveChangesAsync(ct);
            return AppResult<SupervisionCase>.Ok(sc);
        }, ct);
    }
}
