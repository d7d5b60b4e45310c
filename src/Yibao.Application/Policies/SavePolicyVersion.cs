using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Policies;

namespace Yibao.Application.Policies;

/// <summary>
/// 导入 / 保存待遇政策参数集: a new version (草稿) from a policy JSON, or — with <see cref="DraftId"/> — new JSON for an
/// existing 草稿. The JSON must parse and pass <see cref="PolicyValidator"/>; errors name the JSON path.
/// </summary>
public sealed record SavePolicyVersion(string Json, long? DraftId = null);

public sealed class SavePolicyVersionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int MaxJsonLength = 2_000_000;

    /// <summary>Parses and validates; errors are “$.path：rule”.</summary>
    public static (PolicyDocument? Doc, IReadOnlyList<AppError> Errors) Check(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, [new AppError("policy-empty", "$：政策参数 JSON 不能为空", "$")]);
        }

        if (json.Length > MaxJsonLength)
        {
            return (null, [new AppError("policy-too-large", "$：政策参数 JSON 不能超过 2,000,000 个字符", "$")]);
        }

        PolicyDocument doc;
        try
        {
            doc = PolicyJson.Parse(json);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            var where = ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"（第 {line + 1} 行第 {(ex.BytePositionInLine ?? 0) + 1} 字节附近）") : "";
            return (null, [new AppError("policy-json", $"{path}：JSON 格式错误、字段名不认识或值的类型不对{where}", path)]);
        }

        var errors = PolicyValidator.Validate(doc);
        return errors.Count == 0
            ? (doc, [])
            : (null, errors.Select(e => new AppError("policy-invalid", e, e.Split('：', 2)[0])).ToList());
    }

    public async Task<AppResult<PolicyVersion>> HandleAsync(SavePolicyVersion command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (doc, errors) = Check(command.Json);
        if (doc is null)
        {
            return AppResult<PolicyVersion>.Fail(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        PolicyVersion version;
        if (command.DraftId is { } id)
        {
            var found = await db.PolicyVersions.FirstOrDefaultAsync(v => v.Id == id, ct);
            if (found is null)
            {
                return AppResult<PolicyVersion>.Fail(new AppError("not-found", "参数集：不存在", "id"));
            }

            if (found.Status != PolicyStatus.Draft)
            {
                return AppResult<PolicyVersion>.Fail(new AppError("not-draft", $"参数集：状态为“{PolicyVersion.StatusName(found.Status)}”，只有草稿可以修改；请先复制为新版本", "status"));
            }

            version = found;
        }
        else
        {
            version = new PolicyVersion { Code = doc.Id, Name = doc.Name, PoolArea = doc.PoolArea, Json = "", CreatedAtUtc = now, CreatedBy = user.UserName };
            db.PolicyVersions.Add(version);
        }

        version.Code = doc.Id.Length > 60 ? doc.Id[..60] : doc.Id;
        version.Name = doc.Name.Length > 200 ? doc.Name[..200] : doc.Name;
        version.PoolArea = doc.PoolArea;
        version.EffectiveFrom = doc.EffectiveFrom;
        version.EffectiveTo = doc.EffectiveTo;
        version.Json = command.Json;
        version.UpdatedAtUtc = now;
        version.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<PolicyVersion>.Ok(version);
    }
}
