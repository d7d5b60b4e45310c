using System.Text.Json;

namespace Yibao.Cli.Tests;

/// <summary><c>yibao review rules import|export</c> and <c>yibao review run</c> on a small demo county (SQLite).</summary>
public sealed class ReviewCommandTests
{
    private static string Sample(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "samples", relative);
    }

    [Fact]
    public async Task Rules_import_export_round_trip_and_a_run_over_the_demo_year_stores_what_it_prints()
    {
        using var db = new TempSqlite();

        // Before migrating: a clear Chinese refusal.
        var early = await CliHarness.RunAsync(db.Env, "review", "rules", "import", Sample("review/shifanxian-rules.json"));
        early.ExitCode.ShouldNotBe(0, early.ToString());
        early.Err.ShouldContain("yibao db migrate");

        var seed = await CliHarness.RunAsync(db.Env, "demo", "seed", "--insured", "1500", "--seed", "3");
        seed.ExitCode.ShouldBe(0, seed.ToString());
        string from, to;
        await using (var c = db.Open())
        {
            var year = (await CliHarness.ColumnAsync(c, "SELECT substr(MIN(begin_date), 1, 4) FROM medical_encounters")).Single();
            (from, to) = ($"{year}-01-01", $"{year}-12-31");
        }

        // Import: counts printed; a second import changes nothing.
        var ruleCount = JsonDocument.Parse(await File.ReadAllTextAsync(Sample("review/shifanxian-rules.json"), TestContext.Current.CancellationToken))
            .RootElement.GetProperty("rules").GetArrayLength();
        var import = await CliHarness.RunAsync(db.Env, "review", "rules", "import", Sample("review/shifanxian-rules.json"));
        import.ExitCode.ShouldBe(0, import.ToString());
        import.Out.ShouldContain($"新建 {ruleCount} 条，更新 0 条，未变 0 条");
        var again = await CliHarness.RunAsync(db.Env, "review", "rules", "import", Sample("review/shifanxian-rules.json"));
        again.Out.ShouldContain($"新建 0 条，更新 0 条，未变 {ruleCount} 条");

        // An invalid file: every error with its JSON path, exit 1, nothing written.
        var badFile = Path.Combine(db.Directory, "bad.json");
        await File.WriteAllTextAsync(badFile, """
            { "id": "T-BAD", "name": "错误规则集", "rules": [
              { "id": "T-PC", "name": "频次", "type": "frequency", "result": "suspicious", "window": "encounter", "status": "enabled", "parameters": { "items": ["X"], "max_quantity": 0 } } ] }
            """, TestContext.Current.CancellationToken);
        var bad = await CliHarness.RunAsync(db.Env, "review", "rules", "import", badFile);
        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Err.ShouldContain("$.rules[0].parameters.max_quantity");
        var missing = await CliHarness.RunAsync(db.Env, "review", "rules", "import", Path.Combine(db.Directory, "none.json"));
        missing.ExitCode.ShouldNotBe(0);
        missing.Err.ShouldContain("不存在");
        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM review_rules")).ShouldBe(ruleCount);
        }

        // Export to stdout and to a file; the file imports back unchanged; --status filters; a bad status is a usage error.
        var stdout = await CliHarness.RunAsync(db.Env, "review", "rules", "export");
        stdout.ExitCode.ShouldBe(0, stdout.ToString());
        JsonDocument.Parse(stdout.Out).RootElement.GetProperty("rules").GetArrayLength().ShouldBe(ruleCount);
        var exported = Path.Combine(db.Directory, "rules.json");
        var toFile = await CliHarness.RunAsync(db.Env, "review", "rules", "export", "--out", exported);
        toFile.ExitCode.ShouldBe(0, toFile.ToString());
        toFile.Err.ShouldContain("已写入");
        var back = await CliHarness.RunAsync(db.Env, "review", "rules", "import", exported);
        back.Out.ShouldContain($"未变 {ruleCount} 条");
        var enabled = await CliHarness.RunAsync(db.Env, "review", "rules", "export", "--status", "enabled");
        var enabledCount = JsonDocument.Parse(enabled.Out).RootElement.GetProperty("rules").GetArrayLength();
        enabledCount.ShouldBeGreaterThan(0);
        enabledCount.ShouldBeLessThanOrEqualTo(ruleCount);
        var badStatus = await CliHarness.RunAsync(db.Env, "review", "rules", "export", "--status", "on");
        badStatus.ExitCode.ShouldNotBe(0);
        badStatus.Err.ShouldContain("状态（--status）：“on”无效");

        // Run errors: a bad date, an unknown rule.
        var badDate = await CliHarness.RunAsync(db.Env, "review", "run", "--from", "2026-13-01", "--to", "2026-12-31");
        badDate.ExitCode.ShouldNotBe(0);
        badDate.Err.ShouldContain("开始日期（--from）：“2026-13-01”不是有效日期");
        var unknown = await CliHarness.RunAsync(db.Env, "review", "run", "--from", from, "--to", to, "--rules", "NOPE");
        unknown.ExitCode.ShouldNotBe(0);
        unknown.Err.ShouldContain("“NOPE”不存在");

        // The year: what it prints is what it stored; 超量开药 (CL-001) fires on the demo's days of supply.
        var run = await CliHarness.RunAsync(db.Env, "review", "run", "--from", from, "--to", to);
        run.ExitCode.ShouldBe(0, run.ToString());
        await using var conn = db.Open();
        var flags = await CliHarness.ScalarAsync(conn, "SELECT COUNT(*) FROM review_flags");
        var lines = await CliHarness.ScalarAsync(conn, "SELECT COUNT(*) FROM fee_details f JOIN medical_encounters e ON e.id = f.encounter_id WHERE NOT f.cancelled AND e.status <> 3 AND e.begin_date BETWEEN '" + from + "' AND '" + to + "'");
        flags.ShouldBeGreaterThan(0);
        run.Out.ShouldContain($"疑点 {flags} 条");
        run.Out.ShouldContain($"费用明细 {lines} 条");
        run.Out.ShouldContain("条/秒");
        (await CliHarness.ScalarAsync(conn, "SELECT COUNT(*) FROM review_runs")).ShouldBe(1);
        (await CliHarness.ScalarAsync(conn, "SELECT COUNT(*) FROM fee_details WHERE medc_days IS NOT NULL")).ShouldBeGreaterThan(0);
        (await CliHarness.ScalarAsync(conn, "SELECT COUNT(*) FROM review_flags WHERE rule_code = 'CL-001'")).ShouldBeGreaterThan(0);
        run.Out.ShouldContain("CL-001");
        // 明确 flags were deducted with balanced entries.
        (await CliHarness.ScalarAsync(conn, "SELECT COUNT(*) FROM review_flags WHERE result = 1 AND status = 2 AND journal_entry_id IS NULL AND amount > 0")).ShouldBe(0);

        // --rules runs only the listed rules.
        var one = await CliHarness.RunAsync(db.Env, "review", "run", "--from", from, "--to", to, "--rules", "CL-001");
        one.ExitCode.ShouldBe(0, one.ToString());
        one.Out.ShouldContain("规则 1 条");
        var lastRun = await CliHarness.ScalarAsync(conn, "SELECT MAX(id) FROM review_runs");
        (await CliHarness.ColumnAsync(conn, $"SELECT DISTINCT rule_code FROM review_flags WHERE run_id = {lastRun}")).ShouldBe(["CL-001"]);
    }
}
