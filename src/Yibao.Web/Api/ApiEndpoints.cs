namespace Yibao.Web.Api;

/// <summary>Minimal APIs under /api/v1. Feature areas add their groups here.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapYibaoApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").WithTags("系统");
        v1.MapGet("/version", () => new { name = "Yibao", version = typeof(ApiEndpoints).Assembly.GetName().Version?.ToString() })
            .WithSummary("系统版本")
            .AllowAnonymous();
        return app;
    }
}
