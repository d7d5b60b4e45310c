using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Yibao.Application.Settlement;
using Yibao.Domain.Catalogs;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Infrastructure.Settlement;

/// <summary>
/// Stand-in until catalogs and policies are stored in the database: one policy file (<c>YIBAO_POLICY_FILE</c>, default
/// samples/policies/shifanxian-2025.json) and one catalog file (<c>YIBAO_CATALOG_FILE</c>, default
/// samples/catalogs/demo-catalog.csv), loaded once. The policy serves every 统筹区 of this deployment (documented
/// limitation) but only within its effective dates.
/// </summary>
public sealed class FileSettlementReferenceData(IConfiguration configuration) : ISettlementReferenceData, IDisposable
{
    public void Dispose() => _gate.Dispose();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private PolicyVersion? _policy;
    private Catalog? _catalog;

    public async Task<Catalog?> GetCatalogAsync(string poolArea, DateOnly serviceDate, CancellationToken ct = default)
    {
        await EnsureLoadedAsync(ct);
        return _catalog;
    }

    public async Task<PolicyVersion?> GetPolicyAsync(string poolArea, string insutype, DateOnly serviceDate, CancellationToken ct = default)
    {
        await EnsureLoadedAsync(ct);
        var doc = _policy!.Policy.Document;
        return serviceDate >= doc.EffectiveFrom && serviceDate <= doc.EffectiveTo ? _policy : null;
    }

    private async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (_policy is not null)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_policy is null)
            {
                var policy = await SettlementFileRunner.LoadPolicyAsync(Locate(configuration["YIBAO_POLICY_FILE"], "samples/policies/shifanxian-2025.json"), ct);
                _catalog = await SettlementFileRunner.LoadCatalogAsync(Locate(configuration["YIBAO_CATALOG_FILE"], "samples/catalogs/demo-catalog.csv"), ct);
                _policy = new PolicyVersion(string.Create(CultureInfo.InvariantCulture, $"{policy.Id}@v{policy.Document.Version}"), policy);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The configured path (absolute, or relative and found from the working directory or the application folder
    /// upwards), or the default found the same way.
    /// </summary>
    private static string Locate(string? configured, string relative)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (Path.IsPathRooted(configured) || File.Exists(configured))
            {
                return configured;
            }

            relative = configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return relative;
    }
}

/// <summary>Per-person lock for the settlement transaction.</summary>
public sealed class PersonSettlementLock(AppDbContext db) : IPersonSettlementLock
{
    /// <summary>High bits that keep these advisory-lock keys apart from any other use.</summary>
    private const long KeySpace = 0x5E7L << 40;

    public async Task LockAsync(long personId, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("人员结算锁必须在事务内获取");
        }

        if (db.IsPostgres)
        {
            var key = KeySpace ^ personId;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }

        // SQLite: the transaction was begun IMMEDIATE, so this connection already is the only writer.
    }

    public async Task<long?> LockEncounterPersonAsync(long institutionId, string mdtrtId, CancellationToken ct = default)
    {
        // The lock is taken before the sequence is read (LATERAL); the person of an encounter never changes, so reading it
        // before the lock is safe. No row: no such encounter of this institution, nothing locked.
        var id = await EncounterPersonLockAsync("nextval(pg_get_serial_sequence('journal_entries', 'id'))", institutionId, mdtrtId, ct);
        return id is long value ? value : null;
    }

    public Task LockEncounterAsync(long institutionId, string mdtrtId, CancellationToken ct = default) =>
        EncounterPersonLockAsync("1", institutionId, mdtrtId, ct);

    /// <summary>
    /// Locks the person of the institution's encounter and returns <paramref name="select"/> evaluated under the lock (null
    /// when there is no such encounter, and always on SQLite, whose transaction already is the only writer). A plain
    /// command on the context's connection and transaction: it runs on every upload and settlement, and EF's raw-SQL query
    /// path cost as much CPU as the round trip itself.
    /// </summary>
    private async Task<object?> EncounterPersonLockAsync(string select, long institutionId, string mdtrtId, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("人员结算锁必须在事务内获取");
        if (!db.IsPostgres)
        {
            return null;
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = tx.GetDbTransaction();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT {select} FROM medical_encounters m, LATERAL (SELECT pg_advisory_xact_lock({KeySpace} # m.person_id)) l
            WHERE m.mdtrt_id = @mdtrt AND m.institution_id = @inst
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string>("mdtrt", mdtrtId));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<long>("inst", institutionId));
        return await command.ExecuteScalarAsync(ct);
    }
}

public sealed class InstitutionPaymentLock(AppDbContext db) : IInstitutionPaymentLock
{
    /// <summary>High bits that keep these advisory-lock keys apart from the person settlement locks.</summary>
    private const long KeySpace = 0xB0FL << 40;

    public async Task LockAsync(long institutionId, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("拨付锁必须在事务内获取");
        }

        if (db.IsPostgres)
        {
            var key = KeySpace ^ institutionId;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
    }
}
