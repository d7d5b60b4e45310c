using System.Security.Claims;
using Yibao.Domain.Admin;

namespace Yibao.Web.Infrastructure;

/// <summary>Who may see settlements, cancel them, manage institutions and record disbursements.</summary>
public static class SettlementAccess
{
    /// <summary>结算查询 and 结算明细: 审核员、经办员、财务.</summary>
    public static readonly string[] ReadRoles = [Roles.Reviewer, Roles.Clerk, Roles.Finance];

    /// <summary>定点医药机构 screens: every staff role reads, 系统管理员 writes.</summary>
    public static readonly string[] InstitutionReadRoles = [.. Roles.All];

    /// <summary>基金财务 (月结算单、科目余额表): 财务 writes (拨付), 局领导 and 审核员 read.</summary>
    public static readonly string[] FundsReadRoles = [Roles.Finance, Roles.Leader, Roles.Reviewer];

    public static bool CanCancel(ClaimsPrincipal user) => user.IsInRole(Roles.Reviewer);

    public static bool CanManageInstitutions(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator);

    public static bool CanDisburse(ClaimsPrincipal user) => user.IsInRole(Roles.Finance);
}
