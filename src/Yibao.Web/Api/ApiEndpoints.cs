using System.Security.Claims;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Api;

/// <summary>Minimal APIs under /api/v1. Feature areas add their groups here. Errors: ProblemDetails (see <see cref="ApiProblems"/>).</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapYibaoApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").WithTags("系统");
        v1.MapGet("/version", () => new { name = "Yibao", version = typeof(ApiEndpoints).Assembly.GetName().Version?.ToString() })
            .WithSummary("系统版本")
            .AllowAnonymous();
        v1.MapGet("/me", (ClaimsPrincipal user) => new
            {
                userName = user.Identity?.Name,
                displayName = StaffClaims.DisplayNameOf(user),
                roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
            })
            .WithSummary("当前登录身份")
            .WithDescription("需要登录；未登录时返回 401 ProblemDetails（code = unauthenticated）。")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization();
        return app;
    }
}
