namespace Yibao.Web.Infrastructure;

/// <summary>
/// A user whose password must be changed (first login, after a reset) can only reach the change-password page.
/// Reads a claim set by <see cref="StaffClaimsPrincipalFactory"/>: no database lookup per request.
/// </summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/Account/ChangePassword", "/Account/Logout", "/Error", "/lib", "/css", "/js", "/healthz", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && StaffClaims.MustChange(context.User)
            && !Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (ApiProblems.IsApi(context.Request))
            {
                await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "password-change-required", "必须先修改密码", "请先登录系统修改初始密码，再调用接口。");
                return;
            }

            context.Response.Redirect("/Account/ChangePassword");
            return;
        }

        await next(context);
    }
}
