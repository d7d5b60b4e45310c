using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Yibao.Cli.Tests;

public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
}

/// <summary>Runs the CLI in-process against a database chosen by its environment.</summary>
public static class CliHarness
{
    public static async Task<CliRun> RunAsync(IDictionary<string, string?> env, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await Program.RunAsync(args, output, error, env, input: null, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>SHA-256 over every column of every person, in id order, rendered the same way on both engines.</summary>
    public static async Task<string> HashPersonsAsync(DbConnection connection)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, person_no, certno, name, gender, birth_date, household_id, area_code, pool_area_code, phone, address FROM persons ORDER BY id";
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sb = new StringBuilder();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            sb.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var v = reader.GetValue(i);
                sb.Append(v switch
                {
                    DBNull => "∅",
                    DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(v, CultureInfo.InvariantCulture),
                }).Append('|');
            }

            sb.Append('\n');
            sha.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    public static async Task<List<string>> ColumnAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var list = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            list.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return list;
    }

    public static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
    }
}

/// <summary>A temporary SQLite database file, deleted afterwards.</summary>
public sealed class TempSqlite : IDisposable
{
    public TempSqlite()
    {
        Directory = Path.Combine(Path.GetTempPath(), "yibao-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File = Path.Combine(Directory, "yibao.db");
        Env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["YIBAO_DB_PROVIDER"] = "sqlite",
            ["YIBAO_DB"] = "Data Source=" + File,
        };
    }

    public string Directory { get; }
    public string File { get; }
    public Dictionary<string, string?> Env { get; }

    public SqliteConnection Open()
    {
        var c = new SqliteConnection("Data Source=" + File + ";Mode=ReadOnly;Pooling=False");
        c.Open();
        return c;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
