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
                builder.UseNpgsql(options.ConnectionString, o => o.MigrationsAssembly(options.MigrationsAssembly));
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
