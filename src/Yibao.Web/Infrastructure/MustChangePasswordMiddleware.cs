using Microsoft.AspNetCore.Identity;
using Yibao.Infrastructure.Identity;

namespace Yibao.Web.Infrastructure;

/// <summary>A user whose password must be changed (first login, after a reset) can only reach the change-password page.</summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/Account/ChangePassword", "/Account/Logout", "/Error", "/lib", "/css", "/js", "/healthz", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context, UserManager<StaffUser> users)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && await users.GetUserAsync(context.User) is { MustChangePassword: true })
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Redirect("/Account/ChangePassword");
            return;
        }

        await next(context);
    }
}
