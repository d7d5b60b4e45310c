namespace Yibao.Domain.Admin;

/// <summary>审计日志: one change of one record. Append-only: never updated, never deleted.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    /// <summary>When the change was saved (UTC).</summary>
    public DateTime AtUtc { get; set; }

    public string? UserId { get; set; }

    /// <summary>Login name of who made the change, or 系统 for jobs.</summary>
    public required string UserName { get; set; }

    /// <summary>新增 / 修改 / 删除.</summary>
    public required string Action { get; set; }

    /// <summary>Entity type name (English identifier from the glossary).</summary>
    public required string Entity { get; set; }

    /// <summary>Primary key value(s) of the changed record.</summary>
    public required string EntityKey { get; set; }

    /// <summary>JSON of the changed properties before the change (null for 新增).</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the changed properties after the change (null for 删除).</summary>
    public string? After { get; set; }
}

public static class AuditActions
{
    public const string Added = "新增";
    public const string Modified = "修改";
    public const string Deleted = "删除";
}
