using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Admin;
using Yibao.Application.Common;
using Yibao.Infrastructure.Identity;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Account;

/// <summary>修改密码. Forced after the first login and after a reset; the sign-in is refreshed on success.</summary>
public sealed class ChangePasswordModel(ChangeOwnPasswordHandler handler, SignInManager<StaffUser> signIn, UserManager<StaffUser> users) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public bool Forced => StaffClaims.MustChange(User);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ChangeOwnPassword(CurrentPassword ?? string.Empty, NewPassword ?? string.Empty, ConfirmPassword ?? string.Empty), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        // New security stamp and no must-change claim in the cookie.
        if (await users.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Message"] = "密码已修改。";
        return Redirect("/");
    }
}
