using System.Security.Claims;
using Yibao.Domain.Admin;

namespace Yibao.Web.Infrastructure;

/// <summary>One entry of the left navigation; shown to users in any of <see cref="AllowedRoles"/> (none = every signed-in user).</summary>
public sealed record NavItem(string Title, string Page, string Icon, params string[] AllowedRoles)
{
    public bool VisibleTo(ClaimsPrincipal user) => AllowedRoles.Length == 0 || AllowedRoles.Any(user.IsInRole);
}

/// <summary>A business area of DESIGN §1 with the screens it has today.</summary>
public sealed record NavGroup(string Title, string Icon, IReadOnlyList<NavItem> Items);

/// <summary>Left navigation grouped by business area. Only areas with screens appear; items are filtered by role.</summary>
public static class Navigation
{
    private static readonly string[] CatalogReaders = [Roles.Administrator, Roles.Clerk, Roles.Reviewer];

    /// <summary>Groups in the order of the business areas of DESIGN §1.</summary>
    public static readonly IReadOnlyList<NavGroup> Groups =
    [
        new("首页", "bi-house", [new NavItem("工作台", "/Index", "bi-speedometer2")]),
        new("参保登记", "bi-person-vcard", [
            new NavItem("人员查询", "/Registry/Persons/Index", "bi-search", RegistryAccess.ReadRoles),
            new NavItem("参保登记", "/Registry/Persons/Register", "bi-person-plus", Roles.Clerk),
            new NavItem("批量导入", "/Registry/Persons/Import", "bi-upload", Roles.Clerk),
            new NavItem("参保单位", "/Registry/Employers/Index", "bi-building", RegistryAccess.ReadRoles),
            new NavItem("待遇享受期", "/Contributions/WaitingRules", "bi-hourglass-split", ContributionAccess.PolicyReadRoles),
        ]),
        new("征缴", "bi-cash-coin", [
            new NavItem("征收计划", "/Contributions/Index", "bi-calendar3", ContributionAccess.ReadRoles),
            new NavItem("缴费基数", "/Contributions/Bases", "bi-list-ol", ContributionAccess.ReadRoles),
            new NavItem("税务入库", "/Contributions/Payments", "bi-bank", ContributionAccess.ReadRoles),
            new NavItem("征缴对账", "/Contributions/Reconciliation", "bi-arrow-left-right", ContributionAccess.ReadRoles),
            new NavItem("欠费催缴", "/Contributions/Arrears", "bi-exclamation-diamond", ContributionAccess.ReadRoles),
            new NavItem("灵活就业缴费", "/Contributions/Flexible", "bi-person-workspace", Roles.Clerk),
            new NavItem("职工缴费标准", "/Contributions/Policies", "bi-sliders2", ContributionAccess.PolicyReadRoles),
            new NavItem("居民筹资标准", "/Contributions/ResidentPolicies", "bi-people", ContributionAccess.PolicyReadRoles),
        ]),
        new("定点医药机构", "bi-hospital", [
            new NavItem("机构管理", "/Institutions/Index", "bi-hospital", SettlementAccess.InstitutionReadRoles),
        ]),
        new("医保目录/待遇政策", "bi-journal-medical", [
            new NavItem("医保目录", "/Catalogs/Index", "bi-capsule", CatalogReaders),
            new NavItem("目录导入", "/Catalogs/Import", "bi-upload", Roles.Administrator),
            new NavItem("诊断与手术", "/Catalogs/Codes", "bi-clipboard2-pulse", CatalogReaders),
            new NavItem("待遇政策", "/Policies/Index", "bi-sliders", CatalogReaders),
        ]),
        new("结算", "bi-receipt", [
            new NavItem("结算查询", "/Settlement/Index", "bi-search", SettlementAccess.ReadRoles),
        ]),
        new("智能审核", "bi-shield-check", [
            new NavItem("审核规则", "/Review/Rules/Index", "bi-list-check", Roles.Reviewer),
            new NavItem("事后审核", "/Review/Runs", "bi-play-circle", Roles.Reviewer),
            new NavItem("疑点审核", "/Review/Flags", "bi-flag", Roles.Reviewer),
        ]),
        new("异地就医/手工报销", "bi-geo-alt", [
            new NavItem("异地就医备案", "/OutOfArea/Filings/Index", "bi-geo", OffsiteAccess.FilingReaderRoles),
            new NavItem("手工报销", "/Settlement/Manual/Index", "bi-receipt", OffsiteAccess.ReimbursementReaderRoles),
        ]),
        new("基金监管", "bi-shield-check", [
            new NavItem("稽核案件", "/Supervision/Index", "bi-folder2-open", SupervisionAccess.ReadRoles),
            new NavItem("检查计划", "/Supervision/Inspections", "bi-clipboard-check", SupervisionAccess.ReadRoles),
            new NavItem("举报投诉", "/Supervision/Complaints", "bi-megaphone", SupervisionAccess.ReadRoles),
            new NavItem("年度汇总", "/Supervision/Summary", "bi-bar-chart", SupervisionAccess.ReadRoles),
            new NavItem("稽核政策", "/Supervision/Policy", "bi-sliders", SupervisionAccess.ReadRoles),
        ]),
        new("基金财务", "bi-bank", [
            new NavItem("月结算单", "/Funds/Statements", "bi-file-earmark-spreadsheet", SettlementAccess.FundsReadRoles),
            new NavItem("科目余额表", "/Funds/TrialBalance", "bi-journal-bookmark", SettlementAccess.FundsReadRoles),
            new NavItem("个人账户划入/计息", "/Funds/AccountJobs", "bi-wallet2", Roles.Finance),
        ]),
        new("部门预算与公开", "bi-journal-check", [
            new NavItem("部门预算", "/Budget/Index", "bi-cash-stack", Roles.Finance, Roles.Leader),
            new NavItem("新建预算", "/Budget/Create", "bi-plus-square", Roles.Finance),
            new NavItem("科目表", "/Budget/Classifications", "bi-diagram-3", Roles.Finance),
            new NavItem("公开检查", "/Disclosure/Check", "bi-clipboard-check"),
        ]),
        new("绩效", "bi-graph-up", [
            new NavItem("绩效管理", "/Performance/Index", "bi-graph-up-arrow", Roles.Finance, Roles.Leader),
        ]),
        new("系统管理", "bi-gear", [
            new NavItem("用户管理", "/Admin/Users/Index", "bi-people", Roles.Administrator),
            new NavItem("审计日志", "/Admin/Audit/Index", "bi-journal-text", Roles.Administrator),
            new NavItem("接口密钥", "/Admin/ApiClients/Index", "bi-key", Roles.Administrator),
        ]),
    ];


    public static IReadOnlyList<NavGroup> For(ClaimsPrincipal user) =>
        Groups
            .Select(g => g with { Items = g.Items.Where(i => i.VisibleTo(user)).ToList() })
            .Where(g => g.Items.Count > 0)
            .ToList();

    /// <summary>True when <paramref name="currentPage"/> (route value "page") is the item's page or below its folder.</summary>
    public static bool IsActive(NavItem item, string? currentPage)
    {
        if (currentPage is null)
        {
            return false;
        }

        if (string.Equals(item.Page, currentPage, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var folder = item.Page.EndsWith("/Index", StringComparison.Ordinal) ? item.Page[..^"Index".Length] : null;
        return folder is { Length: > 1 } && currentPage.StartsWith(folder, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Model of the shared pager partial.</summary>
public sealed record PagerModel(int Page, int PageCount, int TotalCount, Func<int, string> UrlFor);
