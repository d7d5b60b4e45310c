using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>检查计划: title, 检查期间, 检查范围, 检查人员 and the institutions to inspect (codes, one 现场检查 each).</summary>
public sealed record CreateInspectionPlan(string Title, DateOnly PeriodFrom, DateOnly PeriodTo, string Scope, string Inspectors, IReadOnlyList<string> InstitutionCodes);

public sealed class CreateInspectionPlanValidator : AbstractValidator<CreateInspectionPlan>
{
    public CreateInspectionPlanValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("计划名称：不能为空").MaximumLength(100).WithMessage("计划名称：不能超过 100 个字符");
        RuleFor(x => x.PeriodTo).GreaterThanOrEqualTo(x => x.PeriodFrom).WithMessage("检查期间：结束日期不能早于开始日期");
        RuleFor(x => x.Scope).NotEmpty().WithMessage("检查范围：不能为空").MaximumLength(200).WithMessage("检查范围：不能超过 200 个字符");
        RuleFor(x => x.Inspectors).NotEmpty().WithMessage("检查人员：不能为空（至少两名，用“、”分隔）")
            .Must(s => s is null || s.Split(['、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries).Length >= 2).WithMessage("检查人员：现场检查至少需要两名检查人员，用“、”分隔")
            .MaximumLength(200).WithMessage("检查人员：不能超过 200 个字符");
        RuleFor(x => x.InstitutionCodes).NotEmpty().WithMessage("检查对象：至少选择一家定点医药机构");
    }
}

public sealed class CreateInspectionPlanHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly CreateInspectionPlanValidator Validator = new();

    public async Task<AppResult<InspectionPlan>> HandleAsync(CreateInspectionPlan c, CancellationToken ct = default)
    {
        var v = await Validator.ValidateAsync(c, ct);
        if (!v.IsValid)
        {
            return AppResult<InspectionPlan>.Fail(v.ToAppErrors());
        }

        var codes = c.InstitutionCodes.Select(x => x.Trim().ToUpperInvariant()).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Institutions.AsNoTracking().Where(i => codes.Contains(i.Code)).Select(i => new { i.Id, i.Code }).ToListAsync(ct);
        var missing = codes.Except(found.Select(f => f.Code), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return SupervisionSupport.Fail<InspectionPlan>($"检查对象：定点医药机构编号 {string.Join("、", missing)} 不存在", "institution_codes", SupervisionErrors.InstitutionNotFound);
        }

        return await SupervisionSupport.RunAsync(db, async () =>
        {
            var nos = await db.InspectionPlans.Select(p => p.PlanNo).ToListAsync(ct);
            var plan = new InspectionPlan
            {
                PlanNo = SupervisionSupport.NextNo("JH", clock.GetUtcNow().AddHours(8).Year, nos),
                Title = c.Title.Trim(),
                PeriodFrom = c.PeriodFrom,
                PeriodTo = c.PeriodTo,
                Scope = c.Scope.Trim(),
                Inspectors = c.Inspectors.Trim(),
                CreatedBy = user.UserName,
                CreatedAt = clock.Now(),
                Inspections = found.Select(f => new Inspection { InstitutionId = f.Id }).ToList(),
            };
            db.InspectionPlans.Add(plan);
            await db.SaveChangesAsync(ct);
            return AppResult<InspectionPlan>.Ok(plan);
        }, ct);
    }
}
