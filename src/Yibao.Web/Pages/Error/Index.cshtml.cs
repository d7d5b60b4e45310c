using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yibao.Web.Pages.Errors;

/// <summary>Chinese error pages (/Error/404, /Error/403, /Error/500, …), anonymous, never with a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public string Icon { get; private set; } = "bi-exclamation-triangle";

    public string RequestId { get; private set; } = string.Empty;

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code is >= 400 and <= 599 ? code.Value : 500;
        (Heading, Message, Icon) = Code switch
        {
            400 => ("请求无效", "提交的内容无法处理。如果是表单已过期，请刷新页面后重新提交。", "bi-exclamation-octagon"),
            401 => ("需要登录", "请先登录后再访问此页面。", "bi-person-lock"),
            403 => ("无权访问", "您的账号没有访问此页面的权限。如需开通，请联系系统管理员。", "bi-shield-lock"),
            404 => ("页面不存在", "您访问的页面不存在或已被移除，请检查地址是否正确。", "bi-signpost-split"),
            405 => ("请求方式不允许", "此页面不支持该请求方式。", "bi-slash-circle"),
            >= 500 => ("系统出错了", "服务器处理请求时发生错误，已记录日志。请稍后重试，或将下方的请求编号告知系统管理员。", "bi-bug"),
            _ => ("请求未能完成", "请求未能完成，请返回后重试。", "bi-exclamation-triangle"),
        };
        RequestId = HttpContext.TraceIdentifier;
        if (Response.StatusCode < 400)
        {
            // Visited directly: answer with the status the page describes.
            Response.StatusCode = Code;
        }
    }
}
