using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Settlement;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Settlement;

/// <summary>结算查询: person, institution, date range, 险种, amount range, status; paged, Excel export. 证件号码 masked unless 经办员/审核员.</summary>
public sealed class IndexModel(SearchSettlementsHandler search, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? Institution { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Insutype { get; set; }
    [BindProperty(SupportsGet = true)] public string? Min { get; set; }
    [BindProperty(SupportsGet = true)] public string? Max { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<SettlementRow> Rows { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (BuildQuery() is not { } q)
        {
            return;
        }

        var r = await search.HandleAsync(q, ct);
        if (r.Succeeded)
        {
            Rows = r.Value!;
        }
        else
        {
            Errors = r.Errors;
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (BuildQuery() is not { } q)
        {
            return BadRequest(string.Join("；", Errors.Select(e => e.Message)));
        }

        var r = await search.ExportAsync(q, ct);
        return r.Succeeded
            ? await ExcelFile.CreateAsync(r.Value!, "结算记录", "结算记录", clock, ct)
            : BadRequest(string.Join("；", r.Errors.Select(e => e.Message)));
    }

    private SearchSettlements? BuildQuery()
    {
        var errors = new List<AppError>();
        DateOnly? Date(string? s, string label)
        {
            if (string.IsNullOrWhiteSpace(s))
            {
                return null;
            }

            if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            errors.Add(new AppError("validation-failed", $"{label}：须为 yyyy-MM-dd 格式的日期"));
            return null;
        }

        decimal? Amount(string? s, string label)
        {
            if (string.IsNullOrWhiteSpace(s))
            {
                return null;
            }

            if (decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }

            errors.Add(new AppError("validation-failed", $"{label}：须为数字金额"));
            return null;
        }

        var from = Date(From, "结算日期（起）");
        var to = Date(To, "结算日期（止）");
        var min = Amount(Min, "医疗费总额（最小）");
        var max = Amount(Max, "医疗费总额（最大）");
        SettlementStatus? status = Status switch
        {
            "1" => SettlementStatus.Settled,
            "2" => SettlementStatus.Cancelled,
            _ => null,
        };
        if (errors.Count > 0)
        {
            Errors = errors;
            return null;
        }

        return new SearchSettlements(Person, Institution, from, to, Insutype, min, max, status, PageNumber, PageSize, RegistryAccess.ShowFullId(User));
    }

    public object RouteValues(int page) => new { Person, Institution, From, To, Insutype, Min, Max, Status, p = page };

    public string PageUrl(int page) => Url.Page("/Settlement/Index", RouteValues(page))!;
}
