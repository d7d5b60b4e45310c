using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Admin;
using Yibao.Application.Common;

namespace Yibao.Web.Pages.Admin.Users;

/// <summary>修改账号角色. An administrator cannot remove his own 系统管理员 role.</summary>
public sealed class EditModel(IStaffDirectory directory, SetStaffRolesHandler setRoles) : PageModel
{
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public StaffUserInfo StaffUser { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public bool IsSelf => string.Equals(StaffUser.Id, User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        StaffUser = user;
        Roles = [.. user.Roles];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        StaffUser = user;
        var result = await setRoles.HandleAsync(new SetStaffRoles(id, Roles), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        TempData["Message"] = $"已保存“{user.DisplayName}（{user.UserName}）”的角色：{string.Join("、", Roles)}。";
        return RedirectToPage("Index");
    }
}
