using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Contributions;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>征收计划: list by month, the 编制 button (经办员; the same job as <c>yibao contributions plan</c>), Excel export.</summary>
public sealed class IndexModel(ContributionQueriesHandler queries, GenerateCollectionPlansHandler generate, TimeProvider clock) : ContributionPageModel
{
    [BindProperty(SupportsGet = true, Name = "month")] public string? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "employer")] public long? EmployerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<PlanRow> Plans { get; private set; } = null!;

    public int? Period => ContributionAccess.ParseMonth(Month);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Month ??= ContributionAccess.Period(ContributionAccess.ThisMonth(clock));
        Plans = await queries.PlansAsync(Period, EmployerId, PageNumber, 50, ct);
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        if (RequireWrite() is { } denied)
        {
            return denied;
        }

        if (Period is not { } period)
        {
            Errors = [new AppError("invalid-period", $"所属期：“{Month}”不是有效的月份，格式 yyyy-MM，例如 2026-11", "month")];
        }
        else
        {
            var r = await generate.HandleAsync(new GenerateCollectionPlans(period, EmployerId), ct);
            if (r.Succeeded)
            {
                var s = r.Value!;
                TempData["Message"] = $"已编制 {ContributionPeriod.Format(period)} 征收计划：{s.Plans} 个单位，{s.Lines} 人，应缴合计 {Domain.Common.Money.FormatYuan(s.Total)} 元；替换未缴计划 {s.Replaced} 个，保留已缴计划 {s.KeptPaid} 个"
                    + (s.MissingBase > 0 ? $"；{s.MissingBase} 名在职职工尚未申报缴费基数，未列入。" : "。");
                return EmployerId is { } e ? RedirectToPage("/Registry/Employers/Detail", new { id = e }) : RedirectToPage(new { month = Month });
            }

            Errors = r.Errors;
        }

        Plans = await queries.PlansAsync(Period, EmployerId, PageNumber, 50, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync((await queries.PlansExportAsync(Period, EmployerId, ct)).Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["所属期"] = ContributionPeriod.Format(p.Period), ["单位编号"] = p.EmployerNo, ["单位名称"] = p.EmployerName, ["人数"] = p.Headcount,
            ["单位应缴"] = p.EmployerAmount, ["个人应缴"] = p.EmployeeAmount, ["应缴合计"] = p.Total,
        }).ToList(), "征收计划", "征收计划", clock, ct);

    public string PageUrl(int page) => Url.Page("/Contributions/Index", new { month = Month, employer = EmployerId, p = page })!;
}
