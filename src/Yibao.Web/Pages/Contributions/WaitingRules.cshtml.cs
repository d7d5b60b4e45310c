using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>
/// 待遇享受期规则 (policy data per 统筹区 and 险种 from a date): list, correct a rule's numbers, or add a rule from a new date
/// (the previous open rule then ends the day before). Eligibility (1101) is computed from these rules. 经办员、系统管理员 edit; 财务 reads.
/// </summary>
public sealed class WaitingRulesModel(ListWaitingPeriodRulesHandler list, SaveWaitingPeriodRuleHandler add, UpdateWaitingPeriodRuleHandler update, TimeProvider clock)
    : ContributionPageModel
{
    public IReadOnlyList<WaitingPeriodRule> Items { get; private set; } = [];

    public bool CanEdit => ContributionAccess.CanEditPolicy(User);

    /// <summary>The rule being corrected (null = a new rule).</summary>
    [BindProperty] public long? Id { get; set; }
    [BindProperty] public string? PoolAreaCode { get; set; }
    [BindProperty] public string? Insutype { get; set; } = "390";
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    [BindProperty] public bool RequiresContribution { get; set; } = true;
    [BindProperty] public int? LateMonths { get; set; }
    [BindProperty] public int? InterruptionMonths { get; set; }
    [BindProperty] public int? GraceMonths { get; set; }
    [BindProperty] public List<string> ExemptStatuses { get; set; } = [];
    [BindProperty] public List<string> ExemptCategories { get; set; } = [];

    public WaitingPeriodRule? Editing { get; private set; }

    public async Task OnGetAsync(long? id, CancellationToken ct)
    {
        Items = await list.HandleAsync(ct);
        Editing = Items.FirstOrDefault(r => r.Id == id);
        if (Editing is { } r)
        {
            Id = r.Id;
            PoolAreaCode = r.PoolAreaCode;
            Insutype = RegistryLookups.Code(r.InsuranceType);
            EffectiveFrom = r.EffectiveFrom;
            RequiresContribution = r.RequiresContribution;
            LateMonths = r.WaitingMonthsAfterLateFirstContribution;
            InterruptionMonths = r.WaitingMonthsAfterInterruption;
            GraceMonths = r.InterruptionGraceMonths;
            ExemptStatuses = r.ExemptStatuses.Select(RegistryLookups.Code).ToList();
            ExemptCategories = r.ExemptCategories.Select(RegistryLookups.Code).ToList();
        }
        else
        {
            PoolAreaCode = Items.Count > 0 ? Items[0].PoolAreaCode : null;
            EffectiveFrom = new DateOnly(clock.TodayInChina().Year + 1, 1, 1);
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync((await list.HandleAsync(ct)).Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["统筹区"] = r.PoolAreaCode, ["险种"] = RegistryNames.Of(r.InsuranceType), ["生效日期"] = r.EffectiveFrom, ["失效日期"] = r.EffectiveTo,
            ["须缴费"] = r.RequiresContribution ? "是" : "否", ["首次缴费等待期（月）"] = r.WaitingMonthsAfterLateFirstContribution,
            ["中断宽限期（月）"] = r.InterruptionGraceMonths, ["中断后等待期（月）"] = r.WaitingMonthsAfterInterruption,
            ["免等待期"] = string.Join("、", r.ExemptStatuses.Select(RegistryNames.Of).Concat(r.ExemptCategories.Select(RegistryNames.Of))),
        }).ToList(), "待遇享受期规则", "待遇享受期规则", clock, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        if (LateMonths is null)
        {
            errors.Add(new AppError("required", "首次缴费等待期：请填写月数（0–24）", "late_months"));
        }

        if (InterruptionMonths is null)
        {
            errors.Add(new AppError("required", "中断后等待期：请填写月数（0–24）", "interruption_months"));
        }

        if (GraceMonths is null)
        {
            errors.Add(new AppError("required", "中断宽限期：请填写月数（0–24）", "grace_months"));
        }

        if (Id is null && EffectiveFrom is null)
        {
            errors.Add(new AppError("date-required", "生效日期：请填写有效日期（如 2027-01-01）", "begndate"));
        }

        var statuses = new List<SpecialStatusType>();
        foreach (var s in ExemptStatuses)
        {
            if (RegistryLookups.IsSpecialStatus(s))
            {
                statuses.Add(RegistryLookups.ToSpecialStatus(s));
            }
            else
            {
                errors.Add(new AppError("invalid-status", $"免等待期的特殊身份：“{s}”不是有效的特殊身份代码", "exempt_statuses"));
            }
        }

        var categories = new List<PersonCategory>();
        foreach (var c in ExemptCategories)
        {
            if (RegistryLookups.IsCategory(c))
            {
                categories.Add(RegistryLookups.ToCategory(c));
            }
            else
            {
                errors.Add(new AppError("invalid-category", $"免等待期的人员类别：“{c}”不是有效的人员类别代码", "exempt_categories"));
            }
        }

        if (errors.Count == 0)
        {
            var result = Id is { } id
                ? await update.HandleAsync(new UpdateWaitingPeriodRule(id, RequiresContribution, LateMonths!.Value, InterruptionMonths!.Value, GraceMonths!.Value, statuses, categories), ct)
                : await add.HandleAsync(new SaveWaitingPeriodRule((PoolAreaCode ?? "").Trim(), (Insutype ?? "").Trim(), EffectiveFrom!.Value, RequiresContribution,
                    LateMonths!.Value, InterruptionMonths!.Value, GraceMonths!.Value, statuses, categories), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = Id is null
                    ? string.Create(CultureInfo.InvariantCulture, $"已新增待遇享受期规则（{PoolAreaCode}，险种 {Insutype}，{EffectiveFrom:yyyy-MM-dd} 起）。")
                    : "已修改待遇享受期规则。";
                return RedirectToPage();
            }

            errors.AddRange(result.Errors);
        }

        Errors = errors;
        Items = await list.HandleAsync(ct);
        Editing = Id is { } e ? Items.FirstOrDefault(r => r.Id == e) : null;
        return Page();
    }
}
