using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Supervision;
using Yibao.Domain.Funds;
using Yibao.Domain.Supervision;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Supervision;

/// <summary>稽核案件: search, Excel export, and (稽核员) 登记线索 entered manually or from a review flag.</summary>
public sealed class IndexModel(CaseQueriesHandler cases, OpenCaseHandler open, LiftExpiredSuspensionsHandler liftExpired, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNo { get; set; } = 1;

    [BindProperty] public CaseSourceType SourceType { get; set; } = CaseSourceType.Manual;
    [BindProperty] public string? SourceRef { get; set; }
    [BindProperty] public string? InstitutionCode { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public FundCode Fund { get; set; } = FundCode.ResidentPool;
    [BindProperty] public string? LeadAmount { get; set; }
    [BindProperty] public string? ReceivedOn { get; set; }

    public PagedList<CaseRow> Rows { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    /// <summary>The outcome of 暂停到期恢复 (shown after the button).</summary>
    public string? Message { get; private set; }

    public bool CanWrite => SupervisionAccess.CanWrite(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ReceivedOn ??= clock.TodayInChina().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Rows = await cases.SearchAsync(new SearchCases(Status, Year, Keyword, PageNo), ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var all = await cases.SearchAsync(new SearchCases(Status, Year, Keyword, 1, 200), ct);
        var rows = all.Items.Select(r => new Dictionary<string, object?>
        {
            ["案件编号"] = r.CaseNo,
            ["登记日期"] = RegistryAccess.Date(r.ReceivedOn),
            ["定点医药机构编号"] = r.InstitutionCode,
            ["定点医药机构名称"] = r.InstitutionName,
            ["线索来源"] = CaseWorkflow.SourceName(r.SourceType),
            ["来源编号"] = r.SourceRef,
            ["案由"] = r.Summary,
            ["状态"] = CaseWorkflow.StatusName(r.Status),
            ["线索金额（元）"] = r.LeadAmount,
            ["追回金额（元）"] = r.Recovered,
            ["违约金（元）"] = r.Penalty,
        }).ToList();
        return await ExcelFile.CreateAsync(rows, "稽核案件", "稽核案件", clock, ct);
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        var amount = SupervisionAccess.Number(LeadAmount, "线索金额", errors);
        var on = SupervisionAccess.Date(ReceivedOn, "登记日期", errors);
        if (errors.Count == 0)
        {
            var r = await open.HandleAsync(new OpenCase(SourceType, SourceRef, InstitutionCode, Summary ?? "", Fund, amount!.Value, on!.Value), ct);
            if (r.Succeeded)
            {
                return RedirectToPage("Case", new { id = r.Value!.Id });
            }

            errors.AddRange(r.Errors);
        }

        Errors = errors;
        Rows = await cases.SearchAsync(new SearchCases(Status, Year, Keyword, PageNo), ct);
        return Page();
    }

    /// <summary>暂停到期恢复: lifts every institution suspension whose end date has passed (same handler as <c>yibao supervision lift-expired</c>).</summary>
    public async Task<IActionResult> OnPostLiftExpiredAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var r = await liftExpired.HandleAsync(new LiftExpiredSuspensions(), ct);
        if (r.Succeeded)
        {
            Message = r.Value!.Count == 0
                ? "没有到期未恢复的协议暂停。"
                : $"已恢复协议 {r.Value.Count} 家：" + string.Join("、", r.Value.Select(x => $"{x.InstitutionName}（{x.CaseNo}，{RegistryAccess.Date(x.LiftedOn)} 起）"));
        }
        else
        {
            Errors = r.Errors;
        }

        ReceivedOn ??= clock.TodayInChina().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Rows = await cases.SearchAsync(new SearchCases(Status, Year, Keyword, PageNo), ct);
        return Page();
    }

    public string PageUrl(int page) => Url.Page("/Supervision/Index", new { Status, Year, Keyword, p = page })!;

    public static IEnumerable<FundCode> Funds => Enum.GetValues<FundCode>();
}
