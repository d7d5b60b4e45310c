using Yibao.Domain.Admin;

namespace Yibao.Web.Infrastructure;

/// <summary>Who may see and change 异地就医备案 and 手工报销 (roles as in DESIGN §7).</summary>
public static class OffsiteAccess
{
    /// <summary>备案 list/search: 经办员 and 审核员.</summary>
    public const string FilingReaders = Roles.Clerk + "," + Roles.Reviewer;

    /// <summary>手工报销 list, detail and 报销单: 经办员, 审核员, 财务.</summary>
    public const string ReimbursementReaders = Roles.Clerk + "," + Roles.Reviewer + "," + Roles.Finance;

    public static readonly string[] FilingReaderRoles = [Roles.Clerk, Roles.Reviewer];

    public static readonly string[] ReimbursementReaderRoles = [Roles.Clerk, Roles.Reviewer, Roles.Finance];

    public static readonly IReadOnlyList<(string Code, string Name)> FilingTypes =
    [
        ("1", "异地长期居住"), ("2", "常驻异地工作"), ("3", "转诊转院"), ("4", "临时外出就医"),
    ];
}
