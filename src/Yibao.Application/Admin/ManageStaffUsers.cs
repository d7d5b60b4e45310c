using System.Globalization;
using FluentValidation;
using Yibao.Application.Common;
using Yibao.Domain.Admin;

namespace Yibao.Application.Admin;

/// <summary>用户管理列表: filter by 登录名/姓名 (contains) and role, paged.</summary>
public sealed record ListStaffUsers(string? Name = null, string? Role = null, int Page = 1, int PageSize = 20);

public sealed class ListStaffUsersHandler(IStaffDirectory directory)
{
    public async Task<IReadOnlyList<StaffUserInfo>> FilterAsync(ListStaffUsers query, CancellationToken cancellationToken = default)
    {
        IEnumerable<StaffUserInfo> all = await directory.ListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(query.Name))
        {
            var name = query.Name.Trim();
            all = all.Where(u => u.UserName.Contains(name, StringComparison.OrdinalIgnoreCase)
                                 || u.DisplayName.Contains(name, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var role = query.Role.Trim();
            all = all.Where(u => u.Roles.Contains(role, StringComparer.Ordinal));
        }

        return all.ToList();
    }

    public async Task<PagedList<StaffUserInfo>> HandleAsync(ListStaffUsers query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var filtered = await FilterAsync(query, cancellationToken);
        var pageCount = Math.Max(1, (filtered.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new PagedList<StaffUserInfo>(filtered.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, filtered.Count);
    }

    /// <summary>The filtered list as spreadsheet rows with Chinese column names.</summary>
    public async Task<IReadOnlyList<Dictionary<string, object?>>> ExportAsync(ListStaffUsers query, CancellationToken cancellationToken = default)
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        return (await FilterAsync(query, cancellationToken))
            .Select(u => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["登录名"] = u.UserName,
                ["姓名"] = u.DisplayName,
                ["角色"] = string.Join("、", u.Roles),
                ["状态"] = string.Join("、", StatusOf(u)),
                ["创建时间"] = (u.CreatedAtUtc + SearchAuditEntriesHandler.ChinaOffset).ToString("yyyy-MM-dd HH:mm", zh),
            })
            .ToList();
    }

    /// <summary>正常 / 停用 / 锁定 / 需改密 (several may apply).</summary>
    public static IReadOnlyList<string> StatusOf(StaffUserInfo u)
    {
        var s = new List<string>();
        if (u.IsDisabled)
        {
            s.Add("停用");
        }

        if (u.IsLockedOut)
        {
            s.Add("锁定");
        }

        if (u.MustChangePassword)
        {
            s.Add("需改密");
        }

        if (s.Count == 0)
        {
            s.Add("正常");
        }

        return s;
    }
}

/// <summary>重置密码: a generated password, shown once; the user must change it at next login.</summary>
public sealed class ResetStaffPasswordHandler(IStaffDirectory directory)
{
    public async Task<AppResult<string>> HandleAsync(string userId, CancellationToken cancellationToken = default)
    {
        var password = PasswordGenerator.Generate();
        var reset = await directory.ResetPasswordAsync(userId, password, cancellationToken);
        return reset.Succeeded ? AppResult<string>.Ok(password) : AppResult<string>.Fail(reset.Errors);
    }
}

/// <summary>停用 / 启用账号. An administrator cannot disable his own account.</summary>
public sealed class SetStaffDisabledHandler(IStaffDirectory directory, ICurrentUser currentUser)
{
    public async Task<AppResult<bool>> HandleAsync(string userId, bool disabled, CancellationToken cancellationToken = default)
    {
        if (disabled && string.Equals(userId, currentUser.UserId, StringComparison.Ordinal))
        {
            return AppResult<bool>.Fail(new AppError("self-disable", "账号：不能停用自己正在使用的账号", "id"));
        }

        return await directory.SetDisabledAsync(userId, disabled, cancellationToken);
    }
}

/// <summary>修改角色. An administrator cannot remove his own 系统管理员 role.</summary>
public sealed record SetStaffRoles(string UserId, IReadOnlyCollection<string> Roles);

public sealed class SetStaffRolesHandler(IStaffDirectory directory, ICurrentUser currentUser)
{
    public async Task<AppResult<bool>> HandleAsync(SetStaffRoles command, CancellationToken cancellationToken = default)
    {
        if (command.Roles.Count == 0)
        {
            return AppResult<bool>.Fail(new AppError("invalid-role", "角色：至少选择一个角色", "Roles"));
        }

        if (string.Equals(command.UserId, currentUser.UserId, StringComparison.Ordinal)
            && !command.Roles.Contains(Roles.Administrator, StringComparer.Ordinal))
        {
            return AppResult<bool>.Fail(new AppError("self-admin-role", $"角色：不能取消自己的“{Roles.Administrator}”角色", "Roles"));
        }

        return await directory.SetRolesAsync(command.UserId, command.Roles, cancellationToken);
    }
}

/// <summary>修改本人密码 (current + new + confirm).</summary>
public sealed record ChangeOwnPassword(string CurrentPassword, string NewPassword, string ConfirmPassword);

public sealed class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPassword>
{
    public ChangeOwnPasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("当前密码：不能为空");
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage("新密码：不能为空");
        RuleFor(x => x.ConfirmPassword)
            .NotEmpty().WithMessage("确认新密码：不能为空")
            .Equal(x => x.NewPassword).When(x => !string.IsNullOrEmpty(x.NewPassword)).WithMessage("确认新密码：与新密码不一致");
    }
}

public sealed class ChangeOwnPasswordHandler(IStaffDirectory directory, ICurrentUser currentUser)
{
    private static readonly ChangeOwnPasswordValidator Validator = new();

    public async Task<AppResult<bool>> HandleAsync(ChangeOwnPassword command, CancellationToken cancellationToken = default)
    {
        var validation = await Validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return AppResult<bool>.Fail(validation.ToAppErrors());
        }

        if (currentUser.UserId is not { } id)
        {
            return AppResult<bool>.Fail(new AppError("unauthenticated", "请先登录"));
        }

        return await directory.ChangeOwnPasswordAsync(id, command.CurrentPassword, command.NewPassword, cancellationToken);
    }
}
