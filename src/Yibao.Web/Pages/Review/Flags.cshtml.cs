using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Review;
using Yibao.Domain.Review;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Review;

/// <summary>疑点审核 (review queue): filter by run, institution, rule, status; accept (扣款) or dismiss with a reason; 移送稽核 a 可疑 flag; statistics.</summary>
public sealed class FlagsModel(SearchReviewFlagsHandler search, DecideReviewFlagHandler decide, TransferReviewFlagHandler transfer, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public long? Run { get; set; }
    [BindProperty(SupportsGet = true)] public string? Institution { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public ReviewFlagStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<ReviewFlagRow> Rows { get; private set; } = new([], 1, PageSize, 0);
    public ReviewStatistics Stats { get; private set; } = new([], []);
    public IReadOnlyList<AppError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    /// <summary>Cases opened from the flags on this page (已移送).</summary>
    public IReadOnlyDictionary<long, FlagCaseLink> Cases { get; private set; } = new Dictionary<long, FlagCaseLink>();

    /// <summary>Whether the user may open /Supervision (the case number becomes a link).</summary>
    public bool CanReadCases => SupervisionAccess.ReadRoles.Any(User.IsInRole);

    public static bool CanTransfer(ReviewFlagRow f) => f.Result == ReviewResultType.Suspicious && f.Status != ReviewFlagStatus.Dismissed;

    private SearchReviewFlags Query => new(Run, Institution, Rule, Status, null, PageNumber, PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await search.HandleAsync(Query, ct);
        Stats = await search.StatisticsAsync(Query, ct);
        Cases = await transfer.CasesForAsync([.. Rows.Items.Select(r => r.Id)], ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await search.HandleAsync(Query with { Page = 1, PageSize = 500 }, ct);
        return await ExcelFile.CreateAsync(rows.Items.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["疑点编号"] = r.Id, ["批次"] = r.RunId, ["规则编号"] = r.RuleCode, ["规则名称"] = r.RuleName, ["结果类型"] = r.Result.ChineseName(),
            ["机构编号"] = r.InstitutionCode, ["机构名称"] = r.InstitutionName, ["人员编号"] = r.PsnNo, ["就诊ID"] = r.MdtrtId, ["费用日期"] = r.FeeDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["明细条数"] = r.LineCount, ["明细流水"] = r.LineIds, ["金额"] = r.Amount, ["参数"] = r.Parameter, ["说明"] = r.Reason, ["状态"] = r.Status.ChineseName(),
            ["审核意见"] = r.DecisionReason, ["审核人"] = r.DecidedBy,
        }).ToList(), "审核疑点", "审核疑点", clock, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(long flag, bool accept, string? reason, CancellationToken ct)
    {
        var r = await decide.HandleAsync(new DecideReviewFlag(flag, accept, reason), ct);
        if (r.Succeeded)
        {
            Message = accept
                ? $"疑点 {flag} 已确认，扣款 {Yibao.Domain.Common.Money.FormatYuan(r.Value!.Amount)} 元已记账，将在机构本月结算单中扣减。"
                : $"疑点 {flag} 已剔除。";
        }
        else
        {
            Errors = r.Errors;
        }

        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTransferAsync(long flag, string? transferReason, CancellationToken ct)
    {
        var r = await transfer.HandleAsync(new TransferReviewFlag(flag, transferReason), ct);
        if (r.Succeeded)
        {
            Message = $"疑点 {flag} 已移送稽核，登记为线索，案件编号 {r.Value!.CaseNo}。";
        }
        else
        {
            Errors = r.Errors;
        }

        await OnGetAsync(ct);
        return Page();
    }

    public object RouteValues(int page) => new { Run, Institution, Rule, Status, p = page };

    public string PageUrl(int page) => Url.Page("/Review/Flags", RouteValues(page))!;
}
