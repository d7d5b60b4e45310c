using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Institutions;
using Yibao.Domain.Institutions;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Institutions;

/// <summary>定点医药机构: list/search (every staff role), Excel export; 系统管理员 adds and edits.</summary>
public sealed class IndexModel(SearchInstitutionsHandler search, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public InstitutionType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public AgreementStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<Institution> Rows { get; private set; } = null!;

    public bool CanWrite => SettlementAccess.CanManageInstitutions(User);

    private SearchInstitutions Query => new(Q, Type, Status, PageNumber, 20);

    public async Task OnGetAsync(CancellationToken ct) => Rows = await search.HandleAsync(Query, ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync((await search.ExportAsync(Query, ct)).Select(i => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["机构编号"] = i.Code,
            ["机构名称"] = i.Name,
            ["类型"] = InstitutionNames.Of(i.Type),
            ["等级"] = InstitutionNames.Of(i.Level),
            ["统筹区"] = i.PoolAreaCode,
            ["地址"] = i.Address,
            ["协议开始"] = RegistryAccess.Date(i.AgreementStart),
            ["协议结束"] = RegistryAccess.Date(i.AgreementEnd),
            ["协议状态"] = InstitutionNames.Of(i.Status),
            ["暂停/解除原因"] = i.StatusReason,
        }).ToList(), "定点医药机构", "定点医药机构", clock, ct);

    public string PageUrl(int page) => Url.Page("/Institutions/Index", new { Q, Type, Status, p = page })!;
}
