using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Contributions;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>职工医保缴费标准 per 统筹区 and year (经办员、系统管理员 edit; 财务 reads).</summary>
public sealed class PoliciesModel(ListEmployeeContributionPoliciesHandler list, SaveEmployeeContributionPolicyHandler save, TimeProvider clock) : ContributionPageModel
{
    public IReadOnlyList<EmployeeContributionPolicy> Items { get; private set; } = [];

    public bool CanEdit => ContributionAccess.CanEditPolicy(User);

    [BindProperty] public string? PoolAreaCode { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public decimal? AverageWage { get; set; }
    [BindProperty] public decimal? FloorPercent { get; set; } = 60m;
    [BindProperty] public decimal? CeilingPercent { get; set; } = 300m;
    [BindProperty] public decimal? EmployerPercent { get; set; }
    [BindProperty] public decimal? EmployeePercent { get; set; } = 2m;
    [BindProperty] public decimal? FlexiblePercent { get; set; }
    [BindProperty] public decimal? AccountSharePercent { get; set; }
    [BindProperty] public decimal? RetiredAccountMonthly { get; set; }
    [BindProperty] public decimal? AccountInterestPercent { get; set; }

    public async Task OnGetAsync(string? area, int? year, CancellationToken ct)
    {
        Items = await list.HandleAsync(ct);
        var current = Items.FirstOrDefault(p => p.PoolAreaCode == area && p.Year == year);
        if (current is not null)
        {
            PoolAreaCode = current.PoolAreaCode;
            Year = current.Year;
            AverageWage = current.AverageMonthlyWage;
            FloorPercent = current.FloorRatio * 100m;
            CeilingPercent = current.CeilingRatio * 100m;
            EmployerPercent = current.EmployerRate * 100m;
            EmployeePercent = current.EmployeeRate * 100m;
            FlexiblePercent = current.FlexibleRate * 100m;
            AccountSharePercent = current.AccountShareOfEmployeeContribution * 100m;
            RetiredAccountMonthly = current.RetiredAccountMonthly;
            AccountInterestPercent = current.AccountInterestRate * 100m;
        }
        else
        {
            Year = Application.Registry.RegistryLookups.TodayInChina(clock).Year;
            PoolAreaCode = Items.Count > 0 ? Items[0].PoolAreaCode : null;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var missing = new List<AppError>();
        void Need(object? v, string label, string field)
        {
            if (v is null)
            {
                missing.Add(new AppError("required", $"{label}：请填写数字", field));
            }
        }

        Need(Year, "缴费年度", "year");
        Need(AverageWage, "社平工资", "avg_wag");
        Need(FloorPercent, "基数下限比例", "floor_ratio");
        Need(CeilingPercent, "基数上限比例", "ceiling_ratio");
        Need(EmployerPercent, "单位费率", "emp_rate");
        Need(EmployeePercent, "个人费率", "psn_rate");
        Need(FlexiblePercent, "灵活就业费率", "flex_rate");
        if (missing.Count > 0)
        {
            Errors = missing;
            Items = await list.HandleAsync(ct);
            return Page();
        }

        var result = await save.HandleAsync(new SaveEmployeeContributionPolicy((PoolAreaCode ?? "").Trim(), Year!.Value, AverageWage!.Value, FloorPercent!.Value,
            CeilingPercent!.Value, EmployerPercent!.Value, EmployeePercent!.Value, FlexiblePercent!.Value,
            AccountSharePercent, RetiredAccountMonthly, AccountInterestPercent), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Items = await list.HandleAsync(ct);
            return Page();
        }

        TempData["Message"] = $"已保存 {PoolAreaCode} {Year} 年度职工医保缴费标准。";
        return RedirectToPage(new { area = PoolAreaCode, year = Year });
    }
}
