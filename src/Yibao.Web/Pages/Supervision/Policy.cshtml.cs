using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Supervision;
using Yibao.Domain.Supervision;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Supervision;

/// <summary>稽核政策参数: 违约金倍数 and 举报奖励档次 in force, their versions, and (稽核员) a new version from a date.</summary>
public sealed class PolicyModel(GetSupervisionPoliciesHandler policies, SaveSupervisionPolicyHandler save, TimeProvider clock) : PageModel
{
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? PenaltyMultipleMin { get; set; }
    [BindProperty] public string? PenaltyMultipleMax { get; set; }
    [BindProperty] public string? PenaltyMultipleDefault { get; set; }
    [BindProperty] public string? RewardTiers { get; set; }
    [BindProperty] public string? RewardFloor { get; set; }
    [BindProperty] public string? RewardCap { get; set; }
    [BindProperty] public string? Memo { get; set; }

    public SupervisionPoliciesView? View { get; private set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanWrite => SupervisionAccess.CanWrite(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var p = View!.InForce;
        EffectiveFrom = new DateOnly(clock.TodayInChina().Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        PenaltyMultipleMin = F(p.PenaltyMultipleMin);
        PenaltyMultipleMax = F(p.PenaltyMultipleMax);
        PenaltyMultipleDefault = F(p.PenaltyMultipleDefault);
        RewardTiers = p.RewardTiers;
        RewardFloor = F(p.RewardFloor);
        RewardCap = F(p.RewardCap);
        Memo = p.Memo;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        var from = SupervisionAccess.Date(EffectiveFrom, "生效日期", errors);
        var min = SupervisionAccess.Number(PenaltyMultipleMin, "违约金最低倍数", errors, null);
        var max = SupervisionAccess.Number(PenaltyMultipleMax, "违约金最高倍数", errors, null);
        var def = SupervisionAccess.Number(PenaltyMultipleDefault, "违约金默认倍数", errors, null);
        var floor = SupervisionAccess.Number(RewardFloor, "举报奖励最低金额", errors, null);
        var cap = SupervisionAccess.Number(RewardCap, "举报奖励最高金额", errors, null);
        if (min is null || max is null || def is null || floor is null || cap is null)
        {
            errors.Add(new AppError("validation-failed", "倍数与金额：均不能为空"));
        }

        if (errors.Count == 0)
        {
            var r = await save.HandleAsync(new SaveSupervisionPolicy(from!.Value, min!.Value, max!.Value, def!.Value, RewardTiers ?? "", floor!.Value, cap!.Value, Memo), ct);
            if (r.Succeeded)
            {
                Message = $"稽核政策参数已保存，自 {RegistryAccess.Date(r.Value!.EffectiveFrom)} 起生效。";
            }
            else
            {
                errors.AddRange(r.Errors);
            }
        }

        Errors = errors;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => View = await policies.HandleAsync(new GetSupervisionPolicies(clock.TodayInChina()), ct);

    public static string F(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
