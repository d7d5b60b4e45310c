namespace Yibao.Cli.Tests;

/// <summary>
/// <c>yibao statements generate</c>: the demo seed has already frozen the May statements through the same handler (matching the
/// ledger), so generating May again changes nothing; bad input refused.
/// </summary>
public sealed class StatementCommandTests
{
    [Fact]
    public async Task Seeded_statements_are_frozen_once_and_their_amount_owed_equals_the_2101_postings()
    {
        using var db = new TempSqlite();
        var seed = await CliHarness.RunAsync(db.Env, "demo", "seed", "--insured", "600", "--seed", "9", "--without-contributions");
        seed.ExitCode.ShouldBe(0, seed.ToString());

        var bad = await CliHarness.RunAsync(db.Env, "statements", "generate", "--month", "2026-5x");
        bad.ExitCode.ShouldBe(2, bad.ToString());
        bad.Err.ShouldContain("结算月份（--month）：“2026-5x”不是有效的月份");
        var future = await CliHarness.RunAsync(db.Env, "statements", "generate", "--month", "2099-01");
        future.ExitCode.ShouldBe(1, future.ToString());
        future.Err.ShouldContain("尚未结束");
        var unknown = await CliHarness.RunAsync(db.Env, "statements", "generate", "--month", "2026-05", "--institution", "NOPE");
        unknown.ExitCode.ShouldBe(1, unknown.ToString());
        unknown.Err.ShouldContain("“NOPE”不存在");

        seed.Out.ShouldContain("月结算单 ");
        var first = await CliHarness.RunAsync(db.Env, "statements", "generate", "--month", "2026-05");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Out.ShouldContain("此前已生成 JS202605-");
        long stored;
        await using (var c = db.Open())
        {
            stored = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM monthly_statements WHERE year = 2026 AND month = 5");
            stored.ShouldBeGreaterThan(0);
            first.Out.ShouldContain($"新生成 0 张，此前已生成 {stored} 张");
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM monthly_statements WHERE year = 2026 AND month = 5 AND generated_by = '演示财务'")).ShouldBe(stored);
            // Frozen amount owed = the month's 2101 postings (credit − debit) of those institutions, in 分.
            var owed = await CliHarness.ScalarAsync(c, "SELECT CAST(ROUND(SUM(CAST(total_owed AS REAL)) * 100) AS INTEGER) FROM monthly_statements WHERE year = 2026 AND month = 5");
            var ledger = await CliHarness.ScalarAsync(c, """
                SELECT CAST(ROUND(SUM(CAST(l.credit AS REAL) - CAST(l.debit AS REAL)) * 100) AS INTEGER)
                FROM journal_lines l JOIN journal_entries e ON e.id = l.journal_entry_id
                WHERE l.account_code = '2101' AND l.institution_id IS NOT NULL AND e.entry_date >= '2026-05-01' AND e.entry_date <= '2026-05-31' AND e.source_type <> 'disbursement'
                """);
            owed.ShouldBe(ledger);
            owed.ShouldBeGreaterThan(0);
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM monthly_statements WHERE status <> 1")).ShouldBe(0);
        }

        long total;
        await using (var c = db.Open())
        {
            total = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM monthly_statements");
        }

        var again = await CliHarness.RunAsync(db.Env, "statements", "generate", "--month", "2026-05");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Out.ShouldContain($"新生成 0 张，此前已生成 {stored} 张");
        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM monthly_statements")).ShouldBe(total);
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM monthly_statements WHERE year = 2026 AND month = 5")).ShouldBe(stored);
        }
    }
}
