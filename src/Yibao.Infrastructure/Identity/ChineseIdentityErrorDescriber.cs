using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Yibao.Infrastructure.Identity;

/// <summary>Identity's messages in Chinese, each naming the field (登录名/密码/角色) and the rule.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };

    private static string F(string format, object? arg) => string.Format(CultureInfo.GetCultureInfo("zh-CN"), format, arg);

    public override IdentityError DefaultError() => E(nameof(DefaultError), "操作失败，请稍后重试");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "记录已被他人修改，请刷新后重试");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "当前密码：不正确");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "令牌无效或已过期");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "恢复码无效");
    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "该外部登录已关联其他账号");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), F("登录名：“{0}”含有不允许的字符，只能使用字母、数字、下划线、点和短横线", userName));
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), F("电子邮箱：“{0}”格式不正确", email));
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), F("登录名：“{0}”已被使用", userName));
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), F("电子邮箱：“{0}”已被使用", email));
    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), F("角色：“{0}”无效", role));
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), F("角色：“{0}”已存在", role));
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "该账号已设置密码");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "该账号未启用锁定");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), F("角色：账号已属于“{0}”", role));
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), F("角色：账号不属于“{0}”", role));
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), F("密码：长度不能少于 {0} 位", length));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), F("密码：至少包含 {0} 个不同的字符", uniqueChars));
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "密码：至少包含一个符号");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "密码：至少包含一个数字（0–9）");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "密码：至少包含一个小写字母（a–z）");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "密码：至少包含一个大写字母（A–Z）");
}
