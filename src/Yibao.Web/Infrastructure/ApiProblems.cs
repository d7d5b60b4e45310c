using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Yibao.Web.Infrastructure;

/// <summary>
/// ProblemDetails conventions for /api (DESIGN §6): every error carries a stable <c>code</c>
/// and a Chinese <c>title</c>/<c>detail</c>; 401/403 are ProblemDetails JSON, never redirects.
/// </summary>
public static class ApiProblems
{
    public const string CodeKey = "code";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stable error code and Chinese title/detail for a status code.</summary>
    public static (string Code, string Title, string Detail) Describe(int status) => status switch
    {
        400 => ("bad-request", "请求无效", "请求的格式或参数不正确。"),
        401 => ("unauthenticated", "未登录或凭据无效", "调用此接口需要有效的身份凭据。"),
        403 => ("forbidden", "无权访问", "当前身份无权执行此操作。"),
        404 => ("not-found", "资源不存在", "请求的地址或资源不存在。"),
        405 => ("method-not-allowed", "请求方法不允许", "此地址不支持该请求方法。"),
        409 => ("conflict", "数据冲突", "请求与当前数据状态冲突，请刷新后重试。"),
        415 => ("unsupported-media-type", "不支持的内容类型", "请使用 application/json。"),
        422 => ("validation-failed", "数据校验未通过", "请按错误说明修改后重试。"),
        429 => ("too-many-requests", "请求过于频繁", "请稍后再试。"),
        >= 500 => ("internal-error", "服务器内部错误", "服务器处理请求时出错，请稍后重试或联系系统管理员。"),
        _ => ("error", "请求失败", "请求未能完成。"),
    };

    /// <summary>Fills in code/title/detail for any ProblemDetails the framework writes.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (code, title, detail) = Describe(status);
        problem.Status = status;
        if (!problem.Extensions.ContainsKey(CodeKey))
        {
            problem.Extensions[CodeKey] = code;
        }

        // Framework defaults are English: replace them, keep messages our own code already set in Chinese.
        if (string.IsNullOrEmpty(problem.Title) || IsAscii(problem.Title))
        {
            problem.Title = title;
        }

        if (string.IsNullOrEmpty(problem.Detail) || IsAscii(problem.Detail))
        {
            problem.Detail = detail;
        }

        // Never expose exception details (the developer page is only used outside /api in Development).
        problem.Extensions.Remove("exception");
        problem.Extensions["traceId"] = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity?.Id ?? context.HttpContext.TraceIdentifier;
        if (context.Exception is not null)
        {
            problem.Detail = detail;
        }
    }

    public static async Task WriteAsync(HttpContext context, int status, string? code = null, string? title = null, string? detail = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null)
        {
            problem.Extensions[CodeKey] = code;
        }

        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // The client did not accept JSON: still answer with problem+json.
            Customize(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }

    /// <summary>Status-code page for /api: a ProblemDetails body for any empty error response.</summary>
    public static Task StatusCodePage(StatusCodeContext context) =>
        WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode);

    private static bool IsAscii(string s) => s.All(char.IsAscii);
}
