using Microsoft.Extensions.Configuration;

namespace Yibao.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. <c>YIBAO_DB_PROVIDER</c> = sqlite (default) | postgres;
/// <c>YIBAO_DB</c> = connection string (default <c>Data Source=./data/yibao.db</c>).
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=./data/yibao.db";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var providerText = configuration["YIBAO_DB_PROVIDER"]?.Trim();
        var provider = providerText?.ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "PG" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"配置 YIBAO_DB_PROVIDER 的值“{providerText}”无效：只能是 sqlite 或 postgres"),
        };
        var cs = configuration["YIBAO_DB"]?.Trim();
        if (string.IsNullOrEmpty(cs))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("使用 PostgreSQL 时必须设置 YIBAO_DB（连接字符串，例如 Host=127.0.0.1;Port=5432;Database=yibao;Username=yibao;Password=…）");
            }

            cs = DefaultSqlite;
        }

        return new DatabaseOptions(provider, cs);
    }

    public string MigrationsAssembly => Provider == DatabaseProvider.Postgres ? "Yibao.Migrations.Postgres" : "Yibao.Migrations.Sqlite";

    /// <summary>Human-readable target without secrets, for logs and CLI output.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return "SQLite " + ConnectionString.Replace("Data Source=", string.Empty, StringComparison.OrdinalIgnoreCase);
        }

        var parts = ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase));
        return "PostgreSQL " + string.Join(";", parts);
    }
}
