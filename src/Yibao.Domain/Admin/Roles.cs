namespace Yibao.Domain.Admin;

/// <summary>Staff roles (DESIGN §7). The role names are the Chinese names users see.</summary>
public static class Roles
{
    public const string Administrator = "系统管理员";
    public const string Clerk = "经办员";
    public const string Reviewer = "审核员";
    public const string Auditor = "稽核员";
    public const string Finance = "财务";
    public const string Leader = "局领导";

    public static readonly IReadOnlyList<string> All = [Administrator, Clerk, Reviewer, Auditor, Finance, Leader];
}
