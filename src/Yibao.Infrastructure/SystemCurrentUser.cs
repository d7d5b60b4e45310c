using Yibao.Application.Common;

namespace Yibao.Infrastructure;

/// <summary>The actor when no staff member is logged in: the CLI operator or a background job.</summary>
public sealed class SystemCurrentUser : ICurrentUser
{
    public string? UserId => null;

    public string UserName { get; } = "命令行:" + Environment.UserName;
}
