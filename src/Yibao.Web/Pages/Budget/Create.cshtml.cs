using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Domain.Budget.Model;

namespace Yibao.Web.Pages.Budget;

/// <summary>新建部门预算 (财务): reuse a known unit or enter one, year and phase; prior-year figures are linked when last year's budget is stored.</summary>
public sealed class CreateModel(CreateBudgetHandler create, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Reuse { get; set; }

    [BindProperty]
    public string? UnitCode { get; set; } = "";

    [BindProperty]
    public string? UnitName { get; set; } = "";

    [BindProperty]
    public string? Nature { get; set; } = "行政";

    [BindProperty]
    public string? Rank { get; set; }

    [BindProperty]
    public string? FundingForm { get; set; }

    [BindProperty]
    public int Authorized { get; set; }

    [BindProperty]
    public int Actual { get; set; }

    [BindProperty]
    public int Retired { get; set; }

    [BindProperty]
    public int Year { get; set; }

    [BindProperty]
    public string? Phase { get; set; } = "预算";

    [BindProperty]
    public string? Profile { get; set; }

    public IReadOnlyList<BudgetUnit> Units { get; private set; } = [];

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = clock.GetUtcNow().AddHours(8).Year + 1;
        Units = await create.KnownUnitsAsync(ct);
        if (Units.FirstOrDefault(u => u.Code == Reuse) is { } u)
        {
            UnitCode = u.Code;
            UnitName = u.Name;
            Nature = u.Nature.Chinese();
            Rank = u.Rank;
            FundingForm = u.FundingForm;
            Authorized = u.Staffing.Authorized;
            Actual = u.Staffing.Actual;
            Retired = u.Staffing.Retired;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Errors = ModelState.Where(kv => kv.Value?.Errors.Count > 0)
                .Select(kv => new AppError("input", $"{Label(kv.Key)}：应为整数", kv.Key)).ToList();
            Units = await create.KnownUnitsAsync(ct);
            return Page();
        }
        var r = await create.HandleAsync(new CreateBudget(UnitCode ?? "", UnitName ?? "", Nature ?? "", Year, Phase ?? "", Authorized, Actual, Retired, Rank, FundingForm, Profile), ct);
        if (!r.Succeeded)
        {
            Errors = r.Errors;
            Units = await create.KnownUnitsAsync(ct);
            return Page();
        }
        TempData["Message"] = r.Value!.ToModel().Prior is { IsLinked: true } p
            ? $"预算已创建。上年数{p.Source}。"
            : "预算已创建。没有找到上年预算，上年数请在“上年数与增减原因”中录入。";
        return RedirectToPage("Edit", new { id = r.Value!.Id, part = "revenue" });
    }

    private static string Label(string key) => key switch
    {
        nameof(Authorized) => "编制人数",
        nameof(Actual) => "实有人数",
        nameof(Retired) => "退休人数",
        nameof(Year) => "预算年度",
        _ => key,
    };
}
