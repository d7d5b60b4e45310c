using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Funds;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>现场检查结果: the date it took place, who inspected (defaults to the plan's inspectors) and the conclusion.</summary>
public sealed record RecordInspection(long InspectionId, DateOnly InspectedOn, string? Inspectors, string Conclusion);

public sealed class RecordInspectionValidator : AbstractValidator<RecordInspection>
{
    public RecordInspectionValidator()
    {
        RuleFor(x => x.Conclusion).NotEmpty().WithMessage("检查结论：不能为空").MaximumLength(1000).WithMessage("检查结论：不能超过 1000 个字符");
        RuleFor(x => x.Inspectors).MaximumLength(200).WithMessage("检查人员：不能超过 200 个字符");
    }
}

public sealed class RecordInspectionHandler(IAppDbContext db, TimeProvider clock)
{
    private static readonly RecordInspectionValidator Validator = new();

    public async Task<AppResult<Inspection>> HandleAsync(RecordInspection c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<Inspection>.Fail(v.ToAppErrors());
        }

        var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == c.InspectionId, ct);
        if (inspection is null)
        {
            return SupervisionSupport.Fail<Inspection>("现场检查：不存在", "inspection_id", SupervisionErrors.NotFound);
        }

        var plan = await db.InspectionPlans.AsNoTracking().SingleAsync(p => p.Id == inspection.PlanId, ct);
        if (c.InspectedOn > clock.TodayInChina())
        {
            return SupervisionSupport.Fail<Inspection>("检查日期：不能晚于今天", "inspected_on");
        }

        if (c.InspectedOn < plan.PeriodFrom)
        {
            return SupervisionSupport.Fail<Inspection>($"检查日期：不能早于检查期间的开始日期 {plan.PeriodFrom:yyyy-MM-dd}", "inspected_on");
        }

        inspection.InspectedOn = c.InspectedOn;
        inspection.Inspectors = string.IsNullOrWhiteSpace(c.Inspectors) ? plan.Inspectors : c.Inspectors.Trim();
        inspection.Conclusion = c.Conclusion.Trim();
        await db.SaveChangesAsync(ct);
        return AppResult<Inspection>.Ok(inspection);
    }
}

/// <summary>现场检查发现的问题 with the amount involved and the fund; only on an inspection that took place.</summary>
public sealed record AddInspectionFinding(long InspectionId, string Description, decimal Amount, FundCode Fund);

public sealed class AddInspectionFindingValidator : AbstractValidator<AddInspectionFinding>
{
    public AddInspectionFindingValidator()
    {
        RuleFor(x => x.Description).NotEmpty().WithMessage("问题描述：不能为空").MaximumLength(500).WithMessage("问题描述：不能超过 500 个字符");
        RuleFor(x => x.Amount).GreaterThanOrEqualTo(0).WithMessage("涉及金额：不能为负数")
            .Must(a => decimal.Round(a, 2) == a).WithMessage("涉及金额：最多两位小数（精确到分）")
            .LessThan(1_000_000_000m).WithMessage("涉及金额：超出范围");
        RuleFor(x => x.Fund).IsInEnum().WithMessage("基金：不是有效的基金");
    }
}

public sealed class AddInspectionFindingHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly AddInspectionFindingValidator Validator = new();

    public async Task<AppResult<InspectionFinding>> HandleAsync(AddInspectionFinding c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<InspectionFinding>.Fail(v.ToAppErrors());
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == c.InspectionId, ct);
            if (inspection is null)
            {
                return SupervisionSupport.Fail<InspectionFinding>("现场检查：不存在", "inspection_id", SupervisionErrors.NotFound);
            }

            if (inspection.InspectedOn is null)
            {
                return SupervisionSupport.Fail<InspectionFinding>("问题：请先登记检查日期和检查结论，再登记发现的问题", "inspection_id", "inspection-not-done");
            }

            var seq = await db.InspectionFindings.Where(f => f.InspectionId == c.InspectionId).Select(f => (int?)f.Seq).MaxAsync(ct) ?? 0;
            var finding = new InspectionFinding
            {
                InspectionId = c.InspectionId,
                Seq = seq + 1,
                Description = c.Description.Trim(),
                Amount = c.Amount,
                Fund = c.Fund,
                RecordedBy = user.UserName,
                CreatedAt = clock.Now(),
            };
            db.InspectionFindings.Add(finding);
            await db.SaveChangesAsync(ct);
            return AppResult<InspectionFinding>.Ok(finding);
        }, ct);
    }
}
