using Microsoft.AspNetCore.Identity;

namespace Yibao.Infrastructure.Identity;

/// <summary>工作人员账号.</summary>
public class StaffUser : IdentityUser
{
    /// <summary>姓名.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for new accounts and after a reset: the user must choose a new password at next login.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>停用: a disabled account cannot log in (also locked out until the end of time).</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
