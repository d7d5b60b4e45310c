using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Policies;

namespace Yibao.Application.Policies;

/// <summary>
/// 生效 / 停用 a parameter set. Activating retires the other 生效 versions of the same 统筹区 whose period overlaps,
/// so on any date at most one version is in force for a 统筹区.
/// </summary>
public sealed record ChangePolicyStatus(long Id, PolicyStatus Status);

public sealed class ChangePolicyStatusHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<IReadOnlyList<long>>> HandleAsync(ChangePolicyStatus command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var v = await db.PolicyVersions.FirstOrDefaultAsync(x => x.Id == command.Id, ct);
        if (v is null)
        {
            return AppResult<IReadOnlyList<long>>.Fail(new AppError("not-found", "参数集：不存在", "id"));
        }

        if (command.Status == PolicyStatus.Draft)
        {
            return AppResult<IReadOnlyList<long>>.Fail(new AppError("bad-status", "状态：不能改回草稿；请复制为新版本后修改", "status"));
        }

        if (v.Status == command.Status)
        {
            return AppResult<IReadOnlyList<long>>.Fail(new AppError("same-status", $"状态：参数集已是“{PolicyVersion.StatusName(v.Status)}”", "status"));
        }

        var retired = new List<long>();
        if (command.Status == PolicyStatus.Active)
        {
            var (doc, errors) = SavePolicyVersionHandler.Check(v.Json);
            if (doc is null)
            {
                return AppResult<IReadOnlyList<long>>.Fail(errors);
            }

            var overlapping = await db.PolicyVersions
                .Where(x => x.Id != v.Id && x.PoolArea == v.PoolArea && x.Status == PolicyStatus.Active && x.EffectiveFrom <= v.EffectiveTo && x.EffectiveTo >= v.EffectiveFrom)
                .ToListAsync(ct);
            foreach (var o in overlapping)
            {
                o.Status = PolicyStatus.Retired;
                o.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
                o.UpdatedBy = user.UserName;
                retired.Add(o.Id);
            }
        }

        v.Status = command.Status;
        v.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        v.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return AppResult<IReadOnlyList<long>>.Ok(retired);
    }
}

/// <summary>复制到下一年度: a new 草稿 with the dates shifted by one year and the year in the id and name advanced.</summary>
public sealed record ClonePolicyToNextYear(long Id);

public sealed class ClonePolicyToNextYearHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AppResult<PolicyVersion>> HandleAsync(ClonePolicyToNextYear command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var source = await db.PolicyVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == command.Id, ct);
        if (source is null)
        {
            return AppResult<PolicyVersion>.Fail(new AppError("not-found", "参数集：不存在", "id"));
        }

        var doc = PolicyJson.Parse(source.Json);
        var fromYear = doc.EffectiveFrom.Year.ToString(CultureInfo.InvariantCulture);
        var toYear = (doc.EffectiveFrom.Year + 1).ToString(CultureInfo.InvariantCulture);
        doc.EffectiveFrom = doc.EffectiveFrom.AddYears(1);
        doc.EffectiveTo = doc.EffectiveTo.AddYears(1);
        doc.Id = doc.Id.Contains(fromYear, StringComparison.Ordinal) ? doc.Id.Replace(fromYear, toYear, StringComparison.Ordinal) : doc.Id + "-" + toYear;
        doc.Name = doc.Name.Contains(fromYear, StringComparison.Ordinal) ? doc.Name.Replace(fromYear, toYear, StringComparison.Ordinal) : doc.Name + "（" + toYear + "年度）";
        doc.Version = 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var clone = new PolicyVersion
        {
            Code = doc.Id,
            Name = doc.Name,
            PoolArea = doc.PoolArea,
            EffectiveFrom = doc.EffectiveFrom,
            EffectiveTo = doc.EffectiveTo,
            Status = PolicyStatus.Draft,
            Json = PolicyJson.Write(doc),
            ClonedFromId = source.Id,
            CreatedAtUtc = now,
            CreatedBy = user.UserName,
            UpdatedAtUtc = now,
            UpdatedBy = user.UserName,
        };
        db.PolicyVersions.Add(clone);
        await db.SaveChangesAsync(ct);
        return AppResult<PolicyVersion>.Ok(clone);
    }
}
