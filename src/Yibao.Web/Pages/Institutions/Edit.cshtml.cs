using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Institutions;
using Yibao.Domain.Admin;
using Yibao.Domain.Institutions;

namespace Yibao.Web.Pages.Institutions;

/// <summary>新增/修改定点医药机构 (系统管理员 only).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class EditModel(IAppDbContext db, SaveInstitutionHandler save) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public InstitutionType Type { get; set; } = InstitutionType.PrimaryCare;
    [BindProperty] public InstitutionLevel Level { get; set; } = InstitutionLevel.First;
    [BindProperty] public string? PoolAreaCode { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public DateOnly? AgreementStart { get; set; }
    [BindProperty] public DateOnly? AgreementEnd { get; set; }
    [BindProperty] public AgreementStatus Status { get; set; } = AgreementStatus.Active;
    [BindProperty] public string? StatusReason { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            return Page();
        }

        var i = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return NotFound();
        }

        (Code, Name, Type, Level, PoolAreaCode, Address, AgreementStart, AgreementEnd, Status, StatusReason) =
            (i.Code, i.Name, i.Type, i.Level, i.PoolAreaCode, i.Address, i.AgreementStart, i.AgreementEnd, i.Status, i.StatusReason);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = ModelState.Where(kv => kv.Value?.Errors.Count > 0)
            .Select(kv => new AppError("validation-failed", $"{FieldName(kv.Key)}：格式不正确", kv.Key)).ToList();
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var r = await save.HandleAsync(new SaveInstitution(Id, Code ?? "", Name ?? "", Type, Level, PoolAreaCode ?? "", Address, AgreementStart, AgreementEnd, Status, StatusReason), ct);
        if (!r.Succeeded)
        {
            Errors = r.Errors;
            return Page();
        }

        TempData["Message"] = $"已保存定点医药机构 {r.Value!.Name}（{r.Value.Code}）。";
        return RedirectToPage("Index", new { Q = r.Value.Code });
    }

    private static string FieldName(string key) => key switch
    {
        nameof(AgreementStart) => "协议开始日期",
        nameof(AgreementEnd) => "协议结束日期",
        nameof(Type) => "机构类型",
        nameof(Level) => "机构等级",
        nameof(Status) => "协议状态",
        _ => key,
    };
}
