using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Admin;
using Yibao.Application.Common;

namespace Yibao.Infrastructure.Identity;

/// <summary><see cref="IStaffDirectory"/> over ASP.NET Core Identity's UserManager.</summary>
public sealed class StaffDirectory(UserManager<StaffUser> users, TimeProvider clock) : IStaffDirectory
{
    public async Task<IReadOnlyList<StaffUserInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var result = new List<StaffUserInfo>(all.Count);
        foreach (var u in all)
        {
            result.Add(await ToInfoAsync(u));
        }

        return result;
    }

    public async Task<StaffUserInfo?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        await users.FindByIdAsync(id) is { } u ? await ToInfoAsync(u) : null;

    public async Task<StaffUserInfo?> FindByNameAsync(string userName, CancellationToken cancellationToken = default) =>
        await users.FindByNameAsync(userName) is { } u ? await ToInfoAsync(u) : null;

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => users.Users.CountAsync(cancellationToken);

    public async Task<AppResult<StaffUserInfo>> CreateAsync(string userName, string displayName, string password, IReadOnlyCollection<string> roles, bool mustChangePassword, CancellationToken cancellationToken = default)
    {
        var user = new StaffUser
        {
            UserName = userName,
            DisplayName = displayName,
            MustChangePassword = mustChangePassword,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return AppResult<StaffUserInfo>.Fail(ToErrors(created, "password"));
        }

        var added = await users.AddToRolesAsync(user, roles.Distinct(StringComparer.Ordinal));
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return AppResult<StaffUserInfo>.Fail(ToErrors(added, "roles"));
        }

        return AppResult<StaffUserInfo>.Ok(await ToInfoAsync(user));
    }

    public async Task<AppResult<bool>> ResetPasswordAsync(string id, string newPassword, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var errors = await ValidatePasswordAsync(user, newPassword);
        if (errors.Count > 0)
        {
            return AppResult<bool>.Fail(errors);
        }

        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, newPassword);
        if (!added.Succeeded)
        {
            return AppResult<bool>.Fail(ToErrors(added, "password"));
        }

        user.MustChangePassword = true;
        await users.SetLockoutEndDateAsync(user, user.IsDisabled ? DateTimeOffset.MaxValue : null);
        await users.ResetAccessFailedCountAsync(user);
        return Done(await users.UpdateAsync(user));
    }

    public async Task<AppResult<bool>> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        user.IsDisabled = disabled;
        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        var updated = await users.UpdateAsync(user);
        if (updated.Succeeded)
        {
            // Ends the user's existing sessions at their next request.
            await users.UpdateSecurityStampAsync(user);
        }

        return Done(updated);
    }

    public async Task<AppResult<bool>> SetRolesAsync(string id, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var unknown = roles.Where(r => !Domain.Admin.Roles.All.Contains(r)).ToList();
        if (roles.Count == 0 || unknown.Count > 0)
        {
            return AppResult<bool>.Fail(new AppError("invalid-role", roles.Count == 0 ? "角色：至少选择一个角色" : $"角色：“{unknown[0]}”不是系统中的角色", "roles"));
        }

        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(roles, StringComparer.Ordinal));
        if (!removed.Succeeded)
        {
            return AppResult<bool>.Fail(ToErrors(removed, "roles"));
        }

        var added = await users.AddToRolesAsync(user, roles.Except(current, StringComparer.Ordinal).Distinct(StringComparer.Ordinal));
        if (added.Succeeded)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        return Done(added);
    }

    public async Task<AppResult<bool>> ChangeOwnPasswordAsync(string id, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return AppResult<bool>.Fail(new AppError("same-password", "新密码：不能与当前密码相同", "newPassword"));
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return AppResult<bool>.Fail(ToErrors(changed, "newPassword"));
        }

        user.MustChangePassword = false;
        return Done(await users.UpdateAsync(user));
    }

    private async Task<List<AppError>> ValidatePasswordAsync(StaffUser user, string password)
    {
        var errors = new List<AppError>();
        foreach (var v in users.PasswordValidators)
        {
            var r = await v.ValidateAsync(users, user, password);
            errors.AddRange(ToErrors(r, "password"));
        }

        return errors;
    }

    private async Task<StaffUserInfo> ToInfoAsync(StaffUser u)
    {
        var roles = await users.GetRolesAsync(u);
        var locked = u.LockoutEnd is { } end && end > clock.GetUtcNow();
        return new StaffUserInfo(u.Id, u.UserName ?? string.Empty, u.DisplayName, roles.Order(StringComparer.Ordinal).ToList(), u.IsDisabled, u.MustChangePassword, locked && !u.IsDisabled, u.CreatedAtUtc);
    }

    private static IEnumerable<AppError> ToErrors(IdentityResult result, string field) =>
        result.Errors.Select(e => new AppError(e.Code, e.Description, field));

    private static AppResult<bool> Done(IdentityResult result) =>
        result.Succeeded ? AppResult<bool>.Ok(true) : AppResult<bool>.Fail(ToErrors(result, string.Empty));

    private static AppResult<bool> NotFound() =>
        AppResult<bool>.Fail(new AppError("not-found", "账号不存在或已被删除", "id"));
}
