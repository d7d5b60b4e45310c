namespace Yibao.Cli.Tests;

/// <summary><c>yibao accounts credit|interest</c>: credits every 310 在职/退休 enrollee once per month, refuses bad input.</summary>
public sealed class AccountCommandTests
{
    [Fact]
    public async Task Credit_job_credits_once_per_person_month_with_balanced_entries()
    {
        using var db = new TempSqlite();
        var seed = await CliHarness.RunAsync(db.Env, "demo", "seed", "--insured", "3000", "--without-contributions", "--without-care");
        seed.ExitCode.ShouldBe(0, seed.ToString());

        var bad = await CliHarness.RunAsync(db.Env, "accounts", "credit", "--month", "2026-13");
        bad.ExitCode.ShouldBe(2, bad.ToString());
        bad.Err.ShouldContain("划入月份（--month）：“2026-13”不是有效的月份");

        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + db.File + ";Pooling=False"))
        {
            await c.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO employee_contribution_policies (insuplc_admdvs, year, average_monthly_wage, floor_ratio, ceiling_ratio, employer_rate, employee_rate, flexible_rate)
                SELECT DISTINCT insuplc_admdvs, 2026, '6000.0', '0.6', '3.0', '0.08', '0.02', '0.1' FROM enrollments WHERE insutype = 310;
                INSERT INTO contribution_bases (employer_id, person_id, insuplc_admdvs, year, declared_base, clct_base, declared_on)
                SELECT employer_id, person_id, insuplc_admdvs, 2026, '5000.0', '5000.0', '2026-01-01' FROM enrollments
                WHERE insutype = 310 AND psn_type = 11 AND employer_id IS NOT NULL AND psn_insu_stas <> 2;
                """;
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var first = await CliHarness.RunAsync(db.Env, "accounts", "credit", "--month", "2026-10");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Out.ShouldContain("已划入 2026-10 个人账户");
        long entries;
        await using (var c = db.Open())
        {
            entries = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM personal_account_entries");
            entries.ShouldBeGreaterThan(0);
            // 在职 5000 × 2% = 100.00, 退休 定额 100.00 (default).
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM personal_account_entries WHERE CAST(amount AS REAL) <> 100")).ShouldBe(0);
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM (SELECT journal_entry_id, fund FROM journal_lines GROUP BY 1, 2 HAVING ROUND(SUM(CAST(debit AS REAL)) - SUM(CAST(credit AS REAL)), 2) <> 0)")).ShouldBe(0);
        }

        var again = await CliHarness.RunAsync(db.Env, "accounts", "credit", "--month", "2026-10");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Out.ShouldContain($"此前已划入 {entries} 人");
        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM personal_account_entries")).ShouldBe(entries);
        }

        var interest = await CliHarness.RunAsync(db.Env, "accounts", "interest", "--year", "2099");
        interest.ExitCode.ShouldBe(1, interest.ToString());
        interest.Err.ShouldContain("计息年度：2099 年度尚未结束（结息日 2099-12-31）");
    }
}
