using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Domain.Contributions;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>征缴对账: plan vs received per employer-month (已足额/部分/未缴/多缴), filter and Excel export.</summary>
public sealed class ReconciliationModel(ContributionQueriesHandler queries, TimeProvider clock) : ContributionPageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public CollectionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<ReconciliationRow> Rows { get; private set; } = null!;

    private ReconciliationQuery Query()
    {
        var now = ContributionAccess.ThisMonth(clock);
        To ??= ContributionPeriod.Format(now);
        From ??= ContributionPeriod.Format(ContributionPeriod.Of(ContributionPeriod.FirstDay(now).AddMonths(-11)));
        return new ReconciliationQuery(ContributionAccess.ParseMonth(From) ?? 190001, ContributionAccess.ParseMonth(To) ?? now, Status, Keyword, null, PageNumber);
    }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await queries.ReconcileAsync(Query(), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync((await queries.ReconcileExportAsync(Query(), ct)).Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["所属期"] = ContributionPeriod.Format(r.Period), ["单位编号"] = r.EmployerNo, ["统一社会信用代码"] = r.CreditCode, ["单位名称"] = r.EmployerName,
            ["计划人数"] = r.Headcount, ["应缴"] = r.Planned, ["实缴"] = r.Received, ["差额"] = r.Difference, ["状态"] = CollectionMath.Name(r.Status),
        }).ToList(), "征缴对账", "征缴对账", clock, ct);

    public string PageUrl(int page) => Url.Page("/Contributions/Reconciliation", new { from = From, to = To, status = Status, q = Keyword, p = page })!;
}
