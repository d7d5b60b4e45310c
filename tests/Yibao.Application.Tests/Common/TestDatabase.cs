using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Yibao.Application.Common;
using Yibao.Infrastructure;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Common;

/// <summary>The acting user in application tests.</summary>
public sealed class TestCurrentUser : ICurrentUser
{
    public string? UserId { get; set; } = "test-user-id";
    public string UserName { get; set; } = "tester";
}

/// <summary>
/// A fresh, migrated database on a real engine: a temporary SQLite file, or a new database on the
/// PostgreSQL server named by YIBAO_TEST_PG (./test.sh starts one). PostgreSQL tests are skipped,
/// with the reason, when YIBAO_TEST_PG is not set.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _sqliteFile;
    private readonly string? _pgAdmin;
    private readonly string? _pgName;

    private TestDatabase(ServiceProvider services, string? sqliteFile, string? pgAdmin, string? pgName)
    {
        Services = services;
        _sqliteFile = sqliteFile;
        _pgAdmin = pgAdmin;
        _pgName = pgName;
    }

    public static TheoryData<string> Providers => new(Sqlite, Postgres);

    public ServiceProvider Services { get; }

    public TestCurrentUser User => (TestCurrentUser)Services.GetRequiredService<ICurrentUser>();

    public FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    /// <summary>Sample policy and catalog files for settlement tests that do not need stored versions.</summary>
    public static readonly IReadOnlyDictionary<string, string?> SampleReferenceFiles = new Dictionary<string, string?>
    {
        ["YIBAO_POLICY_FILE"] = "samples/policies/shifanxian-2025.json",
        ["YIBAO_CATALOG_FILE"] = "samples/catalogs/demo-catalog.csv",
    };

    /// <param name="postgresOptions">Appended to the PostgreSQL connection string (e.g. pool limits); ignored on SQLite.</param>
    public static async Task<TestDatabase> CreateAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null, string? postgresOptions = null)
    {
        string connectionString;
        string? sqliteFile = null, pgAdmin = null, pgName = null;
        if (provider == Postgres)
        {
            pgAdmin = Environment.GetEnvironmentVariable("YIBAO_TEST_PG");
            Assert.SkipWhen(string.IsNullOrWhiteSpace(pgAdmin), "未设置 YIBAO_TEST_PG（PostgreSQL 连接字符串），跳过 PostgreSQL 测试；./test.sh 会自动启动临时 PostgreSQL");
            pgName = "yibao_t_" + Guid.NewGuid().ToString("N")[..12];
            await using (var conn = new NpgsqlConnection(pgAdmin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {pgName}", conn);
                await cmd.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgName }.ConnectionString + (postgresOptions is null ? "" : ";" + postgresOptions);
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), "yibao-test-" + Guid.NewGuid().ToString("N") + ".db");
            connectionString = "Data Source=" + sqliteFile;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["YIBAO_DB_PROVIDER"] = provider,
            ["YIBAO_DB"] = connectionString,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ICurrentUser>(new TestCurrentUser());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero)));
        services.AddYibao(configuration);
        var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using (var scope = sp.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        return new TestDatabase(sp, sqliteFile, pgAdmin, pgName);
    }

    /// <summary>Runs <paramref name="action"/> in its own DI scope (its own DbContext), like one request.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> action) =>
        InScopeAsync<bool>(async sp => { await action(sp); return true; });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                if (File.Exists(f))
                {
                    File.Delete(f);
                }
            }
        }

        if (_pgAdmin is not null && _pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_pgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
