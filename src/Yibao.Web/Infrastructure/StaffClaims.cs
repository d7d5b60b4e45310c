using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Yibao.Infrastructure.Identity;

namespace Yibao.Web.Infrastructure;

/// <summary>Claims Yibao adds to the sign-in cookie, so no request needs a database lookup for them.</summary>
public static class StaffClaims
{
    public const string DisplayName = "yibao:display_name";

    /// <summary>Present (value "true") while the user must change the password (first login, after a reset).</summary>
    public const string MustChangePassword = "yibao:must_change_password";

    public static string DisplayNameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) is { Length: > 0 } name ? name : user.Identity?.Name ?? string.Empty;

    public static bool MustChange(ClaimsPrincipal user) =>
        string.Equals(user.FindFirstValue(MustChangePassword), "true", StringComparison.Ordinal);
}

/// <summary>Adds 姓名 and the must-change-password flag to the principal (refreshed at sign-in and by the security-stamp validator).</summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(StaffClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}
