using Yibao.Domain.Common;

namespace Yibao.Cli.Tests;

public class CliTests
{
    [Fact]
    public async Task Db_migrate_applies_migrations_and_is_idempotent()
    {
        using var db = new TempSqlite();

        var first = await CliHarness.RunAsync(db.Env, "db", "migrate");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Out.ShouldContain("已应用迁移 ");
        first.Out.ShouldContain("_Foundation");
        first.Out.ShouldContain("SQLite " + db.File);

        var second = await CliHarness.RunAsync(db.Env, "db", "migrate");
        second.ExitCode.ShouldBe(0, second.ToString());
        second.Out.ShouldContain("已是最新");

        await using var c = db.Open();
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM roles")).ShouldBe(6);
    }

    [Fact]
    public async Task Admin_create_prints_a_generated_password_once_and_a_second_create_fails_in_Chinese()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);

        var created = await CliHarness.RunAsync(db.Env, "admin", "create");
        created.ExitCode.ShouldBe(0, created.ToString());
        created.Out.ShouldContain("登录名：admin");
        var line = created.Out.Split('\n').Single(l => l.Contains("初始密码：", StringComparison.Ordinal)).Trim();
        line["初始密码：".Length..].Length.ShouldBeGreaterThanOrEqualTo(10);

        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT must_change_password FROM staff_users WHERE user_name = 'admin'")).ShouldBe(1);
            (await CliHarness.ScalarAsync(c,
                "SELECT COUNT(*) FROM staff_user_roles ur JOIN roles r ON r.id = ur.role_id JOIN staff_users u ON u.id = ur.user_id WHERE u.user_name = 'admin' AND r.name = '系统管理员'"))
                .ShouldBe(1);
        }

        var again = await CliHarness.RunAsync(db.Env, "admin", "create");
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Err.ShouldContain("“admin”已被使用");
    }

    [Fact]
    public async Task Admin_create_with_options_uses_them_and_does_not_echo_the_password()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);

        var run = await CliHarness.RunAsync(db.Env, "admin", "create", "--username", "zhangsan", "--name", "张三", "--password", "Abcdefgh12");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("登录名：zhangsan");
        run.Out.ShouldContain("姓名：张三");
        run.Out.ShouldNotContain("Abcdefgh12");

        var weak = await CliHarness.RunAsync(db.Env, "admin", "create", "--username", "lisi", "--password", "short");
        weak.ExitCode.ShouldBe(1, weak.ToString());
        weak.Err.ShouldContain("密码");
    }

    [Fact]
    public async Task Admin_commands_on_a_database_that_was_not_migrated_exit_2()
    {
        using var db = new TempSqlite();
        var run = await CliHarness.RunAsync(db.Env, "admin", "ensure");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Err.ShouldContain("yibao db migrate");
    }

    [Fact]
    public async Task Admin_ensure_creates_the_default_admin_only_once()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);

        var first = await CliHarness.RunAsync(db.Env, "admin", "ensure");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Out.ShouldContain("登录名：admin");
        first.Out.ShouldContain("初始密码：");

        var second = await CliHarness.RunAsync(db.Env, "admin", "ensure");
        second.ExitCode.ShouldBe(0, second.ToString());
        second.Out.ShouldNotContain("初始密码");

        await using var c = db.Open();
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM staff_users")).ShouldBe(1);
    }

    [Fact]
    public async Task Demo_seed_is_deterministic_and_writes_valid_identifiers()
    {
        using var a = new TempSqlite();
        using var b = new TempSqlite();

        var runA = await CliHarness.RunAsync(a.Env, "demo", "seed", "--insured", "2000", "--seed", "42");
        runA.ExitCode.ShouldBe(0, runA.ToString());
        runA.Out.ShouldContain("人员 2000 人");
        runA.Out.ShouldContain("用时");
        var runB = await CliHarness.RunAsync(b.Env, "demo", "seed", "--insured", "2000", "--seed", "42");
        runB.ExitCode.ShouldBe(0, runB.ToString());

        await using var ca = a.Open();
        await using var cb = b.Open();
        var hashA = await CliHarness.HashPersonsAsync(ca);
        (await CliHarness.HashPersonsAsync(cb)).ShouldBe(hashA);
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM persons")).ShouldBe(2000);

        foreach (var certno in await CliHarness.ColumnAsync(ca, "SELECT certno FROM persons"))
        {
            ResidentId.TryParse(certno, out var id).ShouldBeTrue(certno);
            id.DivisionCode.ShouldBe("519999");
        }

        // Gender and birth date columns agree with the ID number.
        (await CliHarness.ScalarAsync(ca,
            "SELECT COUNT(*) FROM persons WHERE birth_date <> substr(certno, 7, 4) || '-' || substr(certno, 11, 2) || '-' || substr(certno, 13, 2) OR gender <> CASE WHEN CAST(substr(certno, 17, 1) AS INTEGER) % 2 = 1 THEN 1 ELSE 2 END"))
            .ShouldBe(0);

        var usccs = await CliHarness.ColumnAsync(ca, "SELECT uscc FROM employers");
        usccs.Count.ShouldBe(50);
        foreach (var uscc in usccs)
        {
            CreditCode.TryParse(uscc, out _).ShouldBeTrue(uscc);
        }

        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM areas WHERE level = 4")).ShouldBeInRange(10, 15);
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM institutions WHERE fixmedins_code LIKE 'H519999%' AND level = 2")).ShouldBe(3);
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM audit_entries WHERE entity = 'DemoCounty'")).ShouldBe(1);
        (await CliHarness.ScalarAsync(ca, "SELECT MAX(cnt) FROM (SELECT COUNT(*) AS cnt FROM persons GROUP BY household_id)")).ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public async Task Demo_seed_with_another_seed_gives_other_data_and_refuses_a_non_empty_registry()
    {
        using var a = new TempSqlite();
        using var b = new TempSqlite();
        (await CliHarness.RunAsync(a.Env, "demo", "seed", "--insured", "500", "--seed", "1")).ExitCode.ShouldBe(0);
        (await CliHarness.RunAsync(b.Env, "demo", "seed", "--insured", "500", "--seed", "2")).ExitCode.ShouldBe(0);
        await using (var ca = a.Open())
        await using (var cb = b.Open())
        {
            (await CliHarness.HashPersonsAsync(ca)).ShouldNotBe(await CliHarness.HashPersonsAsync(cb));
        }

        var again = await CliHarness.RunAsync(a.Env, "demo", "seed", "--insured", "500");
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Err.ShouldContain("已有参保登记数据");

        // ./run.sh seeds on first run only: --if-empty succeeds without writing on a non-empty registry.
        var ifEmpty = await CliHarness.RunAsync(a.Env, "demo", "seed", "--insured", "700", "--if-empty");
        ifEmpty.ExitCode.ShouldBe(0, ifEmpty.ToString());
        ifEmpty.Out.ShouldContain("跳过演示数据生成");
        await using (var ca = a.Open())
        {
            (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM persons")).ShouldBe(500);
        }

        var bad = await CliHarness.RunAsync(b.Env, "demo", "seed", "--insured", "0");
        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Err.ShouldContain("参保人数");
    }

    [Fact]
    public async Task Unknown_option_exits_2_with_a_usage_message()
    {
        using var db = new TempSqlite();
        var run = await CliHarness.RunAsync(db.Env, "db", "migrate", "--no-such-option");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Err.ShouldContain("用法错误");
        File.Exists(db.File).ShouldBeFalse();

        var noCommand = await CliHarness.RunAsync(db.Env);
        noCommand.ExitCode.ShouldBe(2, noCommand.ToString());
    }

    [Fact]
    public async Task Help_is_in_Chinese_and_exits_0()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(StringComparer.Ordinal), "demo", "seed", "--help");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("--insured");
        run.Out.ShouldContain("随机种子");
        run.Out.ShouldContain("显示帮助和用法信息");
    }

    [Fact]
    public async Task Bad_provider_exits_2_with_a_Chinese_message()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["YIBAO_DB_PROVIDER"] = "oracle" };
        var run = await CliHarness.RunAsync(env, "db", "migrate");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Err.ShouldContain("配置错误");
        run.Err.ShouldContain("YIBAO_DB_PROVIDER");
    }

    [Fact]
    public async Task Postgres_without_connection_string_exits_2()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["YIBAO_DB_PROVIDER"] = "postgres" };
        var run = await CliHarness.RunAsync(env, "db", "migrate");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Err.ShouldContain("YIBAO_DB");
    }

    [Fact]
    public async Task Unreachable_database_exits_2()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["YIBAO_DB_PROVIDER"] = "postgres",
            ["YIBAO_DB"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=secret;Database=nothing;Timeout=3",
        };
        var run = await CliHarness.RunAsync(env, "db", "migrate");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Err.ShouldContain("无法连接数据库");
        run.Err.ShouldNotContain("secret");
    }
}
