using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Infrastructure.Identity;

namespace Yibao.Web.Pages.Account;

/// <summary>登录. Five failures lock the account (DependencyInjection.ConfigureIdentity); disabled accounts are refused.</summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    public const string BadCredentials = "用户名或密码错误";
    public const string Disabled = "账号已停用，请联系系统管理员";

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var userName = UserName?.Trim();
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(Password))
        {
            Error = string.IsNullOrEmpty(userName) ? "用户名：不能为空" : "密码：不能为空";
            return Page();
        }

        var user = await users.FindByNameAsync(userName);
        if (user is { IsDisabled: true })
        {
            // Only say "disabled" to someone who knows the password.
            Error = await users.CheckPasswordAsync(user, Password) ? Disabled : BadCredentials;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(userName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return user!.MustChangePassword ? Redirect("/Account/ChangePassword") : LocalRedirect(SafeReturnUrl());
        }

        if (result.IsLockedOut && user is not null)
        {
            var end = await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow();
            var minutes = Math.Max(1, (int)Math.Ceiling((end - clock.GetUtcNow()).TotalMinutes));
            Error = string.Create(CultureInfo.GetCultureInfo("zh-CN"), $"账号已锁定，请 {minutes} 分钟后再试");
            return Page();
        }

        Error = BadCredentials;
        return Page();
    }

    private string SafeReturnUrl() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
