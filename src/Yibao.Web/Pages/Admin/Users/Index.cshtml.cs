using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Admin;
using Yibao.Application.Common;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Admin.Users;

/// <summary>用户管理: list with filter and paging, disable/enable, reset password, Excel export.</summary>
public sealed class IndexModel(
    ListStaffUsersHandler list,
    SetStaffDisabledHandler setDisabled,
    ResetStaffPasswordHandler resetPassword,
    IStaffDirectory directory,
    TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<StaffUserInfo> Users { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    /// <summary>Set once, right after a reset: the generated password and whose it is.</summary>
    public (StaffUserInfo User, string Password)? ResetResult { get; private set; }

    public string? CurrentUserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    private ListStaffUsers Query => new(Name, Role, PageNumber, PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken) =>
        await ExcelFile.CreateAsync(await list.ExportAsync(Query, cancellationToken), "工作人员账号", "工作人员账号", clock, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, false, cancellationToken);

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken cancellationToken)
    {
        var result = await resetPassword.HandleAsync(id, cancellationToken);
        if (result.Succeeded && await directory.FindAsync(id, cancellationToken) is { } user)
        {
            ResetResult = (user, result.Value!);
        }
        else
        {
            Errors = result.Errors;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public string PageUrl(int page) =>
        Url.Page("/Admin/Users/Index", new { Name, Role, p = page })!;

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        var result = await setDisabled.HandleAsync(id, disabled, cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var user = await directory.FindAsync(id, cancellationToken);
        TempData["Message"] = $"账号“{user?.DisplayName}（{user?.UserName}）”已{(disabled ? "停用" : "启用")}。";
        return RedirectToPage(new { Name, Role, p = PageNumber });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Users = await list.HandleAsync(Query, cancellationToken);
}
