using System.Collections.Concurrent;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Institutions;

/// <summary>创建接口密钥: a new key for an institution; the key is returned once and only its hash is stored.</summary>
public sealed record CreateApiClient(string FixmedinsCode, string Name);

public sealed record CreatedApiClient(long Id, string FixmedinsCode, string FixmedinsName, string Name, string Key, string KeyHint);

public sealed record ApiClientRow(long Id, string FixmedinsCode, string FixmedinsName, AgreementStatus InstitutionStatus, string Name, string KeyHint,
    DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, string? RevokedBy);

public sealed class CreateApiClientValidator : AbstractValidator<CreateApiClient>
{
    public CreateApiClientValidator()
    {
        RuleFor(x => x.FixmedinsCode).NotEmpty().WithMessage("定点医药机构编号：不能为空").OverridePropertyName("fixmedins_code");
        RuleFor(x => x.Name).NotEmpty().WithMessage("用途说明：不能为空").MaximumLength(100).WithMessage("用途说明：不能超过 100 个字符").OverridePropertyName("name");
    }
}

public sealed class CreateApiClientHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly CreateApiClientValidator Validator = new();

    public async Task<AppResult<CreatedApiClient>> HandleAsync(CreateApiClient command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<CreatedApiClient>.Fail(validation.ToAppErrors());
        }

        var code = command.FixmedinsCode.Trim();
        var inst = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
        if (inst is null)
        {
            return AppResult<CreatedApiClient>.Fail(new AppError(SettlementErrors.InstitutionNotFound, $"定点医药机构编号：“{code}”不存在", "fixmedins_code"));
        }

        var (key, hash, hint) = ApiClient.NewKey();
        var client = new ApiClient
        {
            InstitutionId = inst.Id,
            Name = command.Name.Trim(),
            KeyHint = hint,
            KeyHash = hash,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = user.UserName,
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return AppResult<CreatedApiClient>.Ok(new CreatedApiClient(client.Id, inst.Code, inst.Name, client.Name, key, hint));
    }
}

/// <summary>吊销接口密钥: the key stops working at once; the record stays.</summary>
public sealed record RevokeApiClient(long Id);

public sealed class RevokeApiClientHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, ApiClientCache? cache = null)
{
    public async Task<AppResult<long>> HandleAsync(RevokeApiClient command, CancellationToken ct = default)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == command.Id, ct);
        if (client is null)
        {
            return AppResult<long>.Fail(new AppError("api-client-not-found", $"接口密钥：编号 {command.Id} 不存在", "id"));
        }

        if (client.RevokedAt is not null)
        {
            return AppResult<long>.Fail(new AppError("api-client-revoked", $"接口密钥：{client.KeyHint}… 已于 {client.RevokedAt:yyyy-MM-dd HH:mm} 吊销", "id"));
        }

        client.RevokedAt = clock.GetUtcNow().UtcDateTime;
        client.RevokedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        cache?.Invalidate();
        return AppResult<long>.Ok(client.Id);
    }
}

/// <summary>接口密钥列表, optionally for one institution (code or name contains the text).</summary>
public sealed record ListApiClients(string? Institution = null);

public sealed class ListApiClientsHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<ApiClientRow>> HandleAsync(ListApiClients query, CancellationToken ct = default)
    {
        var q = from c in db.ApiClients.AsNoTracking()
                join i in db.Institutions.AsNoTracking() on c.InstitutionId equals i.Id
                select new { c, i };
        if (!string.IsNullOrWhiteSpace(query.Institution))
        {
            var t = query.Institution.Trim();
            q = q.Where(x => x.i.Code.Contains(t) || x.i.Name.Contains(t));
        }

        var rows = await q.OrderBy(x => x.i.Code).ThenByDescending(x => x.c.Id).Take(500).ToListAsync(ct);
        return rows.Select(x => new ApiClientRow(x.c.Id, x.i.Code, x.i.Name, x.i.Status, x.c.Name, x.c.KeyHint, x.c.CreatedAt, x.c.CreatedBy, x.c.RevokedAt, x.c.RevokedBy)).ToList();
    }
}

/// <summary>
/// Authenticates an API key: the active client and its institution, or null. A key verified against the database is
/// remembered by its SHA-256 hash (the stored form; the key itself is never kept) for <see cref="ApiClientCache.Lifetime"/>,
/// so a settlement's three requests do not each query the key table; revoking a key in this process forgets every
/// remembered key at once.
/// </summary>
public sealed class AuthenticateApiClientHandler(IAppDbContext db, ApiClientCache? cache = null)
{
    public async Task<(ApiClient Client, Institution Institution)?> HandleAsync(string key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || !key.StartsWith(ApiClient.KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }

        var hash = ApiClient.Hash(key);
        if (cache?.Find(hash) is { } known)
        {
            return known;
        }

        var generation = cache?.Generation ?? 0;
        var row = await (from c in db.ApiClients.AsNoTracking()
                         join i in db.Institutions.AsNoTracking() on c.InstitutionId equals i.Id
                         where c.KeyHash == hash && c.RevokedAt == null
                         select new { c, i }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        cache?.Remember(hash, (row.c, row.i), generation);
        return (row.c, row.i);
    }
}

/// <summary>
/// Verified API keys of this process by key hash, each for <see cref="Lifetime"/>. <see cref="Invalidate"/> (on revocation)
/// forgets all of them and bumps a generation, so a look-up that read the database before the revocation committed cannot
/// put the revoked key back. A key revoked by another process stops working here within <see cref="Lifetime"/>.
/// The institution's agreement status is not taken from here: every settlement transaction reads it afresh.
/// </summary>
public sealed class ApiClientCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiClient Client, Institution Institution, long ExpiresAt)> _byHash = new(StringComparer.Ordinal);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public (ApiClient Client, Institution Institution)? Find(string hash) =>
        _byHash.TryGetValue(hash, out var e) && e.ExpiresAt > Environment.TickCount64 ? (e.Client, e.Institution) : null;

    public void Remember(string hash, (ApiClient Client, Institution Institution) found, long generation)
    {
        if (_byHash.Count >= MaxEntries)
        {
            _byHash.Clear();
        }

        _byHash[hash] = (found.Client, found.Institution, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds);
        if (Generation != generation)
        {
            _byHash.TryRemove(hash, out _); // a revocation happened meanwhile: do not trust what was read before it
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _byHash.Clear();
    }
}
