namespace Yibao.Application.Common;

/// <summary>Who is acting: the logged-in staff member, or the CLI operator / system job.</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    /// <summary>Login name; "系统" when nobody is logged in (jobs, CLI).</summary>
    string UserName { get; }
}
