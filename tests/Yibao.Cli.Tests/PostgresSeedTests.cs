using Npgsql;
using Yibao.Domain.Common;

namespace Yibao.Cli.Tests;

/// <summary>The demo seed on a real PostgreSQL server (YIBAO_TEST_PG), compared with the same seed on SQLite.</summary>
public class PostgresSeedTests
{
    [Fact]
    public async Task Demo_seed_on_PostgreSQL_matches_SQLite_and_resets_identity_sequences()
    {
        var server = Environment.GetEnvironmentVariable("YIBAO_TEST_PG");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(server),
            "未设置 YIBAO_TEST_PG（可以创建数据库的 PostgreSQL 连接字符串），跳过 PostgreSQL 上的演示数据测试；./test.sh 会启动临时 PostgreSQL 并设置它");

        var ct = TestContext.Current.CancellationToken;
        var dbName = "yibao_cli_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {dbName}";
            await create.ExecuteNonQueryAsync(ct);
        }

        var cs = new NpgsqlConnectionStringBuilder(server) { Database = dbName }.ConnectionString;
        try
        {
            var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["YIBAO_DB_PROVIDER"] = "postgres", ["YIBAO_DB"] = cs };
            var run = await CliHarness.RunAsync(env, "demo", "seed", "--insured", "2000", "--seed", "42");
            run.ExitCode.ShouldBe(0, run.ToString());
            run.Out.ShouldContain("PostgreSQL");

            using var sqlite = new TempSqlite();
            (await CliHarness.RunAsync(sqlite.Env, "demo", "seed", "--insured", "2000", "--seed", "42")).ExitCode.ShouldBe(0);
            string sqliteHash;
            await using (var c = sqlite.Open())
            {
                sqliteHash = await CliHarness.HashPersonsAsync(c);
            }

            await using var pg = new NpgsqlConnection(cs);
            await pg.OpenAsync(ct);
            (await CliHarness.HashPersonsAsync(pg)).ShouldBe(sqliteHash);
            foreach (var certno in await CliHarness.ColumnAsync(pg, "SELECT certno FROM persons"))
            {
                ResidentId.TryParse(certno, out _).ShouldBeTrue(certno);
            }

            foreach (var uscc in await CliHarness.ColumnAsync(pg, "SELECT uscc FROM employers"))
            {
                CreditCode.TryParse(uscc, out _).ShouldBeTrue(uscc);
            }

            // The identity sequences continue after the generated ids.
            (await CliHarness.ScalarAsync(pg, "SELECT nextval(pg_get_serial_sequence('persons', 'id'))")).ShouldBe(2001);
            var households = await CliHarness.ScalarAsync(pg, "SELECT MAX(id) FROM households");
            (await CliHarness.ScalarAsync(pg, "SELECT nextval(pg_get_serial_sequence('households', 'id'))")).ShouldBe(households + 1);
            (await CliHarness.ScalarAsync(pg, "SELECT COUNT(*) FROM audit_entries WHERE entity = 'DemoCounty'")).ShouldBe(1);

            var again = await CliHarness.RunAsync(env, "demo", "seed", "--insured", "2000");
            again.ExitCode.ShouldBe(1, again.ToString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {dbName} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
