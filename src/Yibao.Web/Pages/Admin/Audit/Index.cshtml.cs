using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Admin;
using Yibao.Application.Common;
using Yibao.Domain.Admin;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Admin.Audit;

/// <summary>审计日志: read-only; filter by user, date range and entity; 50 per page; Excel export.</summary>
public sealed class IndexModel(SearchAuditEntriesHandler search, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<AuditEntry> Entries { get; private set; } = null!;

    public IReadOnlyList<string> EntityNames { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    private SearchAuditEntries Query => new(UserName, From, To, Entity, PageNumber, PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Errors = ModelState.Where(kv => kv.Value?.Errors.Count > 0)
            .Select(kv => $"{FieldName(kv.Key)}：日期格式应为 yyyy-MM-dd")
            .ToList();
        if (From is { } f && To is { } t && f > t)
        {
            Errors = [.. Errors, "日期：开始日期不能晚于结束日期"];
        }

        EntityNames = await search.EntityNamesAsync(cancellationToken);
        Entries = await search.HandleAsync(Query, cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken) =>
        await ExcelFile.CreateAsync(AuditDiff.ToRows(await search.ExportAsync(Query, cancellationToken)), "审计日志", "审计日志", clock, cancellationToken);

    public string PageUrl(int page) =>
        Url.Page("/Admin/Audit/Index", new { user = UserName, From = Format(From), To = Format(To), Entity, p = page })!;

    public string ExportUrl =>
        Url.Page("/Admin/Audit/Index", "Export", new { user = UserName, From = Format(From), To = Format(To), Entity })!;

    public static string? Format(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string FieldName(string key) => key switch
    {
        "From" => "开始日期",
        "To" => "结束日期",
        "p" => "页码",
        _ => key,
    };
}
