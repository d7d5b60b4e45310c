using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>
/// 证据材料 upload: stored in the database (table evidence_files: bytes, SHA-256, size, content type), attached to a 现场检查 or a 案件.
/// At most 10 MB a file; empty files are refused; the same file (same hash) twice on the same record is refused.
/// </summary>
public sealed record UploadEvidence(long? InspectionId, long? CaseId, string FileName, string? ContentType, byte[] Content, string? Description);

public sealed record EvidenceInfo(long Id, string FileName, string ContentType, long Size, string Sha256, string? Description, string UploadedBy, DateTime UploadedAt);

public sealed class UploadEvidenceHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<EvidenceInfo>> HandleAsync(UploadEvidence c, CancellationToken ct = default)
    {
        if ((c.InspectionId is null) == (c.CaseId is null))
        {
            return SupervisionSupport.Fail<EvidenceInfo>("证据材料：须属于一次现场检查或一个案件", "inspection_id");
        }

        var name = Path.GetFileName((c.FileName ?? "").Trim());
        if (name.Length == 0)
        {
            return SupervisionSupport.Fail<EvidenceInfo>("文件：请选择要上传的文件", "file");
        }

        if (name.Length > 200)
        {
            return SupervisionSupport.Fail<EvidenceInfo>("文件名：不能超过 200 个字符", "file");
        }

        if (c.Content is null || c.Content.Length == 0)
        {
            return SupervisionSupport.Fail<EvidenceInfo>("文件：不能是空文件", "file");
        }

        if (c.Content.Length > EvidenceFile.MaxBytes)
        {
            return SupervisionSupport.Fail<EvidenceInfo>("文件：不能超过 10 MB", "file");
        }

        if (c.Description is { Length: > 200 })
        {
            return SupervisionSupport.Fail<EvidenceInfo>("说明：不能超过 200 个字符", "description");
        }

        if (c.InspectionId is { } iid && !await db.Inspections.AnyAsync(i => i.Id == iid, ct))
        {
            return SupervisionSupport.Fail<EvidenceInfo>("现场检查：不存在", "inspection_id", SupervisionErrors.NotFound);
        }

        if (c.CaseId is { } cid && !await db.SupervisionCases.AnyAsync(x => x.Id == cid, ct))
        {
            return SupervisionSupport.Fail<EvidenceInfo>("案件：不存在", "case_id", SupervisionErrors.NotFound);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(c.Content));
        if (await db.EvidenceFiles.AnyAsync(e => e.InspectionId == c.InspectionId && e.CaseId == c.CaseId && e.Sha256 == hash, ct))
        {
            return SupervisionSupport.Fail<EvidenceInfo>($"文件：“{name}”的内容已经上传过（SHA-256 相同）", "file", "duplicate-evidence");
        }

        var e = new EvidenceFile
        {
            InspectionId = c.InspectionId,
            CaseId = c.CaseId,
            FileName = name,
            ContentType = string.IsNullOrWhiteSpace(c.ContentType) ? "application/octet-stream" : c.ContentType.Trim(),
            Size = c.Content.Length,
            Sha256 = hash,
            Content = c.Content,
            Description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim(),
            UploadedBy = user.UserName,
            UploadedAt = clock.Now(),
        };
        db.EvidenceFiles.Add(e);
        await db.SaveChangesAsync(ct);
        return AppResult<EvidenceInfo>.Ok(Info(e));
    }

    public static EvidenceInfo Info(EvidenceFile e) => new(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.Description, e.UploadedBy, e.UploadedAt);
}

/// <summary>Downloads one evidence file; the stored hash is checked so a damaged file is never served as evidence.</summary>
public sealed class GetEvidenceHandler(IAppDbContext db)
{
    public async Task<AppResult<EvidenceFile>> HandleAsync(long id, CancellationToken ct = default)
    {
        var e = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return SupervisionSupport.Fail<EvidenceFile>("证据材料：不存在", "id", SupervisionErrors.NotFound);
        }

        return Convert.ToHexStringLower(SHA256.HashData(e.Content)) == e.Sha256
            ? AppResult<EvidenceFile>.Ok(e)
            : SupervisionSupport.Fail<EvidenceFile>("证据材料：文件内容与登记的 SHA-256 不一致，文件可能已损坏", "id", "evidence-hash-mismatch");
    }

    /// <summary>Evidence list (without contents) of an inspection or a case.</summary>
    public Task<List<EvidenceInfo>> ListAsync(long? inspectionId, long? caseId, CancellationToken ct = default) =>
        db.EvidenceFiles.AsNoTracking().Where(e => e.InspectionId == inspectionId && e.CaseId == caseId).OrderBy(e => e.Id)
            .Select(e => new EvidenceInfo(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.Description, e.UploadedBy, e.UploadedAt)).ToListAsync(ct);
}
