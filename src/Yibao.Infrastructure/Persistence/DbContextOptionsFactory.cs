using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Yibao.Infrastructure.Persistence;

public static class DbContextOptionsFactory
{
    /// <summary>Configures the provider and its migrations assembly; creates the SQLite folder if needed.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PooledPostgres(options.ConnectionString), o => o.MigrationsAssembly(options.MigrationsAssembly));
                break;
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(options.ConnectionString);
                builder.UseSqlite(options.ConnectionString, o => o.MigrationsAssembly(options.MigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException("未知的数据库类型");
        }

        return builder;
    }

    private const string GenericPlans = "-c plan_cache_mode=force_generic_plan";

    /// <summary>
    /// Pool settings for the online settlement load unless the connection string says otherwise: a pooled connection is not
    /// reset with DISCARD ALL each time EF returns it (three times per API request; nothing here sets session state — the
    /// settlement locks are transaction-scoped advisory locks), and statements used repeatedly are prepared once per
    /// connection, so PostgreSQL parses and plans the settlement's two dozen statements once instead of every time. Those
    /// prepared statements always use their generic plan (<c>plan_cache_mode=force_generic_plan</c>): left to choose, PostgreSQL
    /// kept planning some of them afresh on every execution (custom plans), about a fifth of its CPU per settlement under load
    /// (bench/Yibao.LoadTest/README.md). The settlement's statements are key and index look-ups whose plan does not depend on
    /// the values; a deployment whose reports need value-specific plans sets <c>Options=-c plan_cache_mode=auto</c> (ADR-0005).
    /// </summary>
    public static string PooledPostgres(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            b.NoResetOnClose = true;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            b.MaxAutoPrepare = 100;
        }

        if (!(b.Options ?? "").Contains("plan_cache_mode", StringComparison.Ordinal))
        {
            b.Options = string.IsNullOrWhiteSpace(b.Options) ? GenericPlans : b.Options + " " + GenericPlans;
        }

        return b.ConnectionString;
    }

    public static DbContextOptions<AppDbContext> Create(DatabaseOptions options) =>
        (DbContextOptions<AppDbContext>)Configure(new DbContextOptionsBuilder<AppDbContext>(), options).Options;

    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            return;
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
    }
}
