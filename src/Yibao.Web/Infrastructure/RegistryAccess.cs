using System.Globalization;
using System.Security.Claims;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;

namespace Yibao.Web.Infrastructure;

/// <summary>Who may see and change the registry, and the code lists its forms offer.</summary>
public static class RegistryAccess
{
    /// <summary>Roles that may open the 参保登记 screens (read-only unless also 经办员).</summary>
    public static readonly string[] ReadRoles = [Roles.Clerk, Roles.Reviewer, Roles.Finance, Roles.Leader];

    public static bool CanWrite(ClaimsPrincipal user) => user.IsInRole(Roles.Clerk);

    /// <summary>证件号码 unmasked only for roles that need it at the counter (经办员、审核员).</summary>
    public static bool ShowFullId(ClaimsPrincipal user) => user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Reviewer);

    public static readonly IReadOnlyList<(string Code, string Name)> InsuranceTypes =
        Enum.GetValues<InsuranceType>().Select(t => (RegistryLookups.Code(t), RegistryNames.Of(t))).ToList();

    public static readonly IReadOnlyList<(string Code, string Name)> Categories =
        Enum.GetValues<PersonCategory>().Select(c => (RegistryLookups.Code(c), RegistryNames.Of(c))).ToList();

    public static readonly IReadOnlyList<(string Code, string Name)> SpecialStatuses =
        Enum.GetValues<SpecialStatusType>().Select(s => (RegistryLookups.Code(s), RegistryNames.Of(s))).ToList();

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Yuan(decimal v) => Domain.Common.Money.FormatYuan(v);

    public static string EventName(EnrollmentEventKind k) => k switch
    {
        EnrollmentEventKind.Registered => "参保登记",
        EnrollmentEventKind.TransferredIn => "转入登记",
        EnrollmentEventKind.CategoryChanged => "变更人员类别",
        EnrollmentEventKind.Suspended => "暂停参保",
        EnrollmentEventKind.Resumed => "恢复参保",
        EnrollmentEventKind.Terminated => "终止参保",
        EnrollmentEventKind.TransferredOut => "转出",
        _ => "其他",
    };

    public static string StatusBadge(EnrollmentStatus s) => s switch
    {
        EnrollmentStatus.Active => "text-bg-success",
        EnrollmentStatus.Suspended => "text-bg-warning",
        EnrollmentStatus.Terminated => "text-bg-secondary",
        _ => "text-bg-light",
    };

    public static string Fund(FundCode f) => JournalEntry.FundName(f);
}
