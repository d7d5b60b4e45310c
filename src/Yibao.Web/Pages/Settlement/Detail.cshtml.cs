using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Settlement;

/// <summary>结算明细: header, national fund fields, classified fee lines, explanation, accumulators, journal entries, history; 审核员 may cancel with a reason.</summary>
public sealed class DetailModel(GetSettlementDetailHandler handler, CancelSettlementHandler cancel) : PageModel
{
    public SettlementDetail Detail { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanCancel => SettlementAccess.CanCancel(User);

    public async Task<IActionResult> OnGetAsync(string setlId, CancellationToken ct) =>
        await LoadAsync(setlId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(string setlId, CancellationToken ct)
    {
        if (!CanCancel)
        {
            return Forbid();
        }

        var r = await cancel.HandleAsync(new StaffCancelSettlement(setlId, Reason ?? ""), ct);
        if (r.Succeeded)
        {
            Message = "结算已撤销：已生成冲销凭证，人员年度累计已恢复。";
            Reason = null;
        }
        else
        {
            Errors = r.Errors;
        }

        return await LoadAsync(setlId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string setlId, CancellationToken ct)
    {
        var d = await handler.HandleAsync(setlId, RegistryAccess.ShowFullId(User), ct);
        if (d is null)
        {
            return false;
        }

        Detail = d;
        return true;
    }
}
