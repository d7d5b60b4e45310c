namespace Yibao.Cli.Tests;

/// <summary><c>yibao contributions plan</c>: generates the month's plans for every employer, replaces unpaid ones on a rerun, refuses a bad month.</summary>
public sealed class ContributionCommandTests
{
    [Fact]
    public async Task Plan_job_generates_every_employer_month_and_replaces_on_rerun()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);
        var seed = await CliHarness.RunAsync(db.Env, "demo", "seed", "--insured", "3000", "--without-contributions", "--without-care");
        seed.ExitCode.ShouldBe(0, seed.ToString());

        var bad = await CliHarness.RunAsync(db.Env, "contributions", "plan", "--month", "2026-13");
        bad.ExitCode.ShouldBe(2, bad.ToString());
        bad.Err.ShouldContain("所属期（--month）：“2026-13”不是有效的月份");

        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + db.File + ";Pooling=False"))
        {
            await c.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO employee_contribution_policies (insuplc_admdvs, year, average_monthly_wage, floor_ratio, ceiling_ratio, employer_rate, employee_rate, flexible_rate)
                SELECT pool_area_code, 2026, '6000.0', '0.6', '3.0', '0.08', '0.02', '0.1' FROM employers LIMIT 1;
                INSERT INTO contribution_bases (employer_id, person_id, insuplc_admdvs, year, declared_base, clct_base, declared_on)
                SELECT employer_id, person_id, insuplc_admdvs, 2026, '5000.0', '5000.0', '2026-01-01' FROM enrollments
                WHERE insutype = 310 AND psn_type = 11 AND employer_id IS NOT NULL AND psn_insu_stas <> 2;
                """;
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var first = await CliHarness.RunAsync(db.Env, "contributions", "plan", "--month", "2026-11");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Out.ShouldContain("已编制 2026-11 征收计划");
        long plans, lines;
        await using (var c = db.Open())
        {
            plans = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM collection_plans WHERE period = 202611");
            lines = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM collection_plan_lines");
            plans.ShouldBeGreaterThan(0);
            // Every line is 5000 × 8% + 5000 × 2%.
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM collection_plan_lines WHERE CAST(employer_amount AS REAL) <> 400 OR CAST(employee_amount AS REAL) <> 100")).ShouldBe(0);
        }

        var again = await CliHarness.RunAsync(db.Env, "contributions", "plan", "--month", "2026-11");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Out.ShouldContain($"替换未缴计划 {plans} 个");
        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM collection_plans")).ShouldBe(plans);
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM collection_plan_lines")).ShouldBe(lines);
        }
    }
}
