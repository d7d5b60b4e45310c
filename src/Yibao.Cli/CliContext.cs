using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yibao.Infrastructure;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary>Where a command writes, what it is configured with, and how it gets its services.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IDictionary<string, string?> environment, TextReader? input)
{
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;

    /// <summary>The terminal to prompt on; null when not interactive.</summary>
    public TextReader? Input { get; } = input;

    /// <summary>Thrown by a command to stop with a Chinese message and an exit code.</summary>
    public sealed class CliException(int exitCode, string message) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }

    /// <summary>
    /// Writes a failed operation's Chinese errors to stderr — under <paramref name="heading"/> and indented when one is
    /// given — and returns exit code 1.
    /// </summary>
    public async Task<int> FailedAsync(IEnumerable<Yibao.Application.Common.AppError> errors, string? heading = null)
    {
        if (heading is not null)
        {
            await Err.WriteLineAsync(heading);
        }

        foreach (var e in errors)
        {
            await Err.WriteLineAsync(heading is null ? e.Message : "  " + e.Message);
        }

        return ExitCodes.Failed;
    }

    /// <summary>Same configuration sources as the web app: appsettings.json (optional, current folder), then environment variables.</summary>
    public IConfiguration BuildConfiguration() =>
        new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddInMemoryCollection(environment)
            .Build();

    /// <summary>
    /// Builds the services on the shared composition root and runs <paramref name="body"/> in a scope, mapping
    /// configuration and connection problems to exit code 2 and other failures to 1, with Chinese messages.
    /// </summary>
    public async Task<int> RunAsync(Func<IServiceProvider, DatabaseOptions, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        IConfiguration configuration;
        DatabaseOptions db;
        try
        {
            configuration = BuildConfiguration();
            db = DatabaseOptions.From(configuration);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException)
        {
            await Err.WriteLineAsync("配置错误：" + e.Message);
            return ExitCodes.Usage;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        // The CLI issues no tokens or cookies; an in-memory key ring satisfies Identity's token providers.
        services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        services.AddSingleton(configuration);
        services.AddYibao(configuration);
        try
        {
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            await using var scope = provider.CreateAsyncScope();
            return await body(scope.ServiceProvider, db, cancellationToken);
        }
        catch (CliException e)
        {
            await Err.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Err.WriteLineAsync("操作已取消。");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (IsConnectionProblem(e, out var detail))
        {
            await Err.WriteLineAsync($"无法连接数据库（{db.Describe()}）：{detail}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is ArgumentException or DbException or DbUpdateException or InvalidOperationException)
        {
            await Err.WriteLineAsync("操作失败：" + Innermost(e).Message);
            return ExitCodes.Failed;
        }
        finally
        {
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // Release the file so callers (and tests) may move or delete it.
                SqliteConnection.ClearAllPools();
            }
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static bool IsConnectionProblem(Exception e, out string detail)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                // 08 connection exception, 28 invalid authorization, 3D invalid catalog (database does not exist).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                               || pg.SqlState.StartsWith("28", StringComparison.Ordinal)
                                               || pg.SqlState.StartsWith("3D", StringComparison.Ordinal):
                    detail = pg.MessageText;
                    return true;
                case PostgresException:
                    detail = string.Empty;
                    return false;
                case NpgsqlException npg:
                    detail = npg.InnerException?.Message ?? npg.Message;
                    return true;
                // SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_PERM.
                case SqliteException sq when sq.SqliteErrorCode is 14 or 26 or 3:
                    detail = sq.Message;
                    return true;
                default:
                    break;
            }
        }

        detail = string.Empty;
        return false;
    }
}
