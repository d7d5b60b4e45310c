using System.Security.Cryptography;
using System.Text;

namespace Yibao.Domain.Institutions;

/// <summary>
/// 接口客户端 (API client) of a designated institution: the key itself is shown once at creation and only its
/// SHA-256 hash is stored; a revoked client can never authenticate again.
/// </summary>
public class ApiClient
{
    /// <summary>Key prefix, so a key is recognisable in logs and configuration ("yb_").</summary>
    public const string KeyPrefix = "yb_";

    public long Id { get; set; }

    public long InstitutionId { get; set; }

    /// <summary>用途说明 (e.g. "HIS 正式环境").</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the key (not secret), shown in lists to tell keys apart.</summary>
    public required string KeyHint { get; set; }

    /// <summary>SHA-256 of the whole key, lower-case hex.</summary>
    public required string KeyHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A new random key (32 bytes of entropy, base64url) with its hash and hint.</summary>
    public static (string Key, string Hash, string Hint) NewKey()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var key = KeyPrefix + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (key, Hash(key), key[..(KeyPrefix.Length + 6)]);
    }

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
