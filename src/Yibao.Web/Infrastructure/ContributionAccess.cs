using System.Security.Claims;
using Yibao.Domain.Admin;
using Yibao.Domain.Contributions;

namespace Yibao.Web.Infrastructure;

/// <summary>Who may see and change 征缴, and display helpers.</summary>
public static class ContributionAccess
{
    /// <summary>征缴 screens: 经办员 (write) and 财务 (read).</summary>
    public static readonly string[] ReadRoles = [Roles.Clerk, Roles.Finance];

    /// <summary>缴费标准: 经办员 and 系统管理员 edit, 财务 reads.</summary>
    public static readonly string[] PolicyReadRoles = [Roles.Clerk, Roles.Administrator, Roles.Finance];

    /// <summary>征缴 pages open to <see cref="ReadRoles"/> (writes inside them check 经办员).</summary>
    public static readonly string[] ReadPages = ["Index", "Plan", "Bases", "Payments", "Reconciliation", "Arrears"];

    public static bool CanWrite(ClaimsPrincipal user) => user.IsInRole(Roles.Clerk);

    public static bool CanEditPolicy(ClaimsPrincipal user) => user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Administrator);

    public static string Period(int period) => ContributionPeriod.Format(period);

    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string StatusBadge(CollectionStatus s) => s switch
    {
        CollectionStatus.Paid => "text-bg-success",
        CollectionStatus.Partial => "text-bg-warning",
        CollectionStatus.Unpaid => "text-bg-danger",
        CollectionStatus.Overpaid => "text-bg-info",
        _ => "text-bg-light",
    };

    /// <summary>Current month in China (yyyyMM).</summary>
    public static int ThisMonth(TimeProvider clock) => ContributionPeriod.Of(Application.Registry.RegistryLookups.TodayInChina(clock));

    /// <summary>Parses a yyyy-MM query value; null when empty or invalid.</summary>
    public static int? ParseMonth(string? text) => ContributionPeriod.TryParse(text, out var p) ? p : null;
}
