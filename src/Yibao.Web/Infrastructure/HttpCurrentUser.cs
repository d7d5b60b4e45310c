using System.Security.Claims;
using Yibao.Application.Common;

namespace Yibao.Web.Infrastructure;

/// <summary>The logged-in staff member of the current request.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string UserName => accessor.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "系统";
}
