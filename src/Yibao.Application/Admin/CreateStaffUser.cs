using FluentValidation;
using Yibao.Application.Common;
using Yibao.Domain.Admin;

namespace Yibao.Application.Admin;

/// <summary>新建工作人员账号. An empty password means: generate one, show it once, force a change at first login.</summary>
public sealed record CreateStaffUser(string UserName, string DisplayName, IReadOnlyCollection<string> Roles, string? Password = null, bool MustChangePassword = true);

public sealed record CreatedStaffUser(StaffUserInfo User, string InitialPassword);

public sealed class CreateStaffUserValidator : AbstractValidator<CreateStaffUser>
{
    public CreateStaffUserValidator()
    {
        RuleFor(x => x.UserName)
            .NotEmpty().WithMessage("登录名：不能为空")
            .Length(2, 32).WithMessage("登录名：长度须在 2–32 个字符之间")
            .Matches("^[A-Za-z0-9_.-]+$").WithMessage("登录名：只能包含字母、数字、下划线、点和短横线");
        RuleFor(x => x.DisplayName)
            .NotEmpty().WithMessage("姓名：不能为空")
            .MaximumLength(50).WithMessage("姓名：不能超过 50 个字符");
        RuleFor(x => x.Roles)
            .NotEmpty().WithMessage("角色：至少选择一个角色");
        RuleForEach(x => x.Roles)
            .Must(r => Domain.Admin.Roles.All.Contains(r)).WithMessage("角色：“{PropertyValue}”不是系统中的角色");
    }
}

public sealed class CreateStaffUserHandler(IStaffDirectory directory)
{
    private static readonly CreateStaffUserValidator Validator = new();

    public async Task<AppResult<CreatedStaffUser>> HandleAsync(CreateStaffUser command, CancellationToken cancellationToken = default)
    {
        var validation = await Validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return AppResult<CreatedStaffUser>.Fail(validation.ToAppErrors());
        }

        if (await directory.FindByNameAsync(command.UserName.Trim(), cancellationToken) is not null)
        {
            return AppResult<CreatedStaffUser>.Fail(new AppError("duplicate-user", $"登录名：“{command.UserName}”已被使用", nameof(command.UserName)));
        }

        var password = string.IsNullOrEmpty(command.Password) ? PasswordGenerator.Generate() : command.Password;
        var created = await directory.CreateAsync(command.UserName.Trim(), command.DisplayName.Trim(), password, command.Roles, command.MustChangePassword, cancellationToken);
        return created.Succeeded
            ? AppResult<CreatedStaffUser>.Ok(new CreatedStaffUser(created.Value!, password))
            : AppResult<CreatedStaffUser>.Fail(created.Errors);
    }
}
