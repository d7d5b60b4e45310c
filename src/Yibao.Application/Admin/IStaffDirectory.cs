using Yibao.Application.Common;

namespace Yibao.Application.Admin;

/// <summary>A staff account as the user-management screens show it.</summary>
public sealed record StaffUserInfo(
    string Id,
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool IsDisabled,
    bool MustChangePassword,
    bool IsLockedOut,
    DateTime CreatedAtUtc);

/// <summary>Staff accounts, implemented over ASP.NET Core Identity in Infrastructure.</summary>
public interface IStaffDirectory
{
    Task<IReadOnlyList<StaffUserInfo>> ListAsync(CancellationToken cancellationToken = default);

    Task<StaffUserInfo?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task<StaffUserInfo?> FindByNameAsync(string userName, CancellationToken cancellationToken = default);

    Task<AppResult<StaffUserInfo>> CreateAsync(string userName, string displayName, string password, IReadOnlyCollection<string> roles, bool mustChangePassword, CancellationToken cancellationToken = default);

    Task<AppResult<bool>> ResetPasswordAsync(string id, string newPassword, CancellationToken cancellationToken = default);

    Task<AppResult<bool>> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default);

    Task<AppResult<bool>> SetRolesAsync(string id, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default);

    Task<AppResult<bool>> ChangeOwnPasswordAsync(string id, string currentPassword, string newPassword, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
