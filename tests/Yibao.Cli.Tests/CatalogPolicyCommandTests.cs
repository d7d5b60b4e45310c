namespace Yibao.Cli.Tests;

/// <summary><c>yibao catalog import|export</c> and <c>yibao policy validate|import|export</c> on a temp SQLite database.</summary>
public class CatalogPolicyCommandTests
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
    public async Task Catalog_import_is_all_or_nothing_and_export_round_trips()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(Sample("catalogs/demo-catalog.csv"), TestContext.Current.CancellationToken);

        // A file whose first data row has a negative price is refused whole, naming the row.
        var bad = Path.Combine(db.Directory, "bad.csv");
        var badLines = lines.Take(6).ToArray();
        var cells = badLines[1].Split(',');
        var priceColumn = Array.IndexOf(lines[0].Split(','), "hilist_pric_uplmt_amt");
        priceColumn.ShouldBeGreaterThan(-1);
        cells[priceColumn] = "-5";
        badLines[1] = string.Join(',', cells);
        await File.WriteAllLinesAsync(bad, badLines, TestContext.Current.CancellationToken);
        var refused = await CliHarness.RunAsync(db.Env, "catalog", "import", bad);
        refused.ExitCode.ShouldBe(1, refused.ToString());
        (refused.Out + refused.Err).ShouldContain("第 2 行");
        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM catalog_items")).ShouldBe(0);
        }

        // A second row of the same code may only add a 先行自付比例 period: a different 限价 is refused, not ignored.
        var conflicting = lines.Take(6).ToArray();
        var third = conflicting[3].Split(',');
        third.ShouldNotBeEmpty();
        conflicting[3].Split(',')[0].ShouldBe(conflicting[2].Split(',')[0]);
        third[priceColumn] = "9.99";
        conflicting[3] = string.Join(',', third);
        var conflict = Path.Combine(db.Directory, "conflict.csv");
        await File.WriteAllLinesAsync(conflict, conflicting, TestContext.Current.CancellationToken);
        var conflictRun = await CliHarness.RunAsync(db.Env, "catalog", "import", conflict);
        conflictRun.ExitCode.ShouldBe(1, conflictRun.ToString());
        (conflictRun.Out + conflictRun.Err).ShouldContain("与第 3 行同一编码");

        var good = Path.Combine(db.Directory, "good.csv");
        await File.WriteAllLinesAsync(good, lines.Take(6), TestContext.Current.CancellationToken);
        var imported = await CliHarness.RunAsync(db.Env, "catalog", "import", good);
        imported.ExitCode.ShouldBe(0, imported.ToString());

        var exported = Path.Combine(db.Directory, "export.xlsx");
        (await CliHarness.RunAsync(db.Env, "catalog", "export", exported)).ExitCode.ShouldBe(0);
        var again = await CliHarness.RunAsync(db.Env, "catalog", "import", exported);
        again.ExitCode.ShouldBe(0, again.ToString());
        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM catalog_items")).ShouldBe(3); // 5 rows, 3 codes (one row per 先行自付比例 period)
        }
    }

    [Fact]
    public async Task Policy_validate_names_the_json_path_and_import_activate_export_work()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);
        var json = await File.ReadAllTextAsync(Sample("policies/shifanxian-2025.json"), TestContext.Current.CancellationToken);

        (await CliHarness.RunAsync(db.Env, "policy", "validate", Sample("policies/shifanxian-2025.json"))).ExitCode.ShouldBe(0);

        var bad = Path.Combine(db.Directory, "bad-policy.json");
        await File.WriteAllTextAsync(bad, json.Replace("\"pool_area\": \"999001\"", "\"pool_area\": \"9990\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var invalid = await CliHarness.RunAsync(db.Env, "policy", "validate", bad);
        invalid.ExitCode.ShouldBe(1, invalid.ToString());
        (invalid.Out + invalid.Err).ShouldContain("$.pool_area：");

        var imported = await CliHarness.RunAsync(db.Env, "policy", "import", Sample("policies/shifanxian-2025.json"), "--activate");
        imported.ExitCode.ShouldBe(0, imported.ToString());
        var exported = Path.Combine(db.Directory, "export.json");
        var export = await CliHarness.RunAsync(db.Env, "policy", "export", exported, "--pool-area", "999001", "--date", "2025-06-01");
        export.ExitCode.ShouldBe(0, export.ToString());
        (await File.ReadAllTextAsync(exported, TestContext.Current.CancellationToken)).ShouldContain("999001");
    }
}
