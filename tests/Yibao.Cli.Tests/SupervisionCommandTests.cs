using Microsoft.Data.Sqlite;

namespace Yibao.Cli.Tests;

/// <summary>
/// <c>demo seed</c> writes a year of fund supervision; <c>yibao supervision summary --year</c> prints it and
/// <c>yibao supervision lift-expired</c> lifts suspensions whose end date has passed (SQLite).
/// </summary>
public sealed class SupervisionCommandTests
{
    [Fact]
    public async Task Demo_supervision_year_is_summarised_and_an_expired_suspension_is_lifted()
    {
        using var db = new TempSqlite();
        var seed = await CliHarness.RunAsync(db.Env, "demo", "seed", "--insured", "1500", "--seed", "5");
        seed.ExitCode.ShouldBe(0, seed.ToString());
        seed.Out.ShouldContain("追回医保基金 5.55 万元，违约金 10.89 万元");

        string year;
        long medical, pharmacies, suspendedInstitution;
        await using (var c = db.Open())
        {
            year = (await CliHarness.ColumnAsync(c, "SELECT substr(MIN(received_on), 1, 4) FROM supervision_cases")).Single();
            medical = await CliHarness.ScalarAsync(c, "SELECT COUNT(DISTINCT s.institution_id) FROM supervision_cases s JOIN institutions i ON i.id = s.institution_id WHERE i.type <> 4 AND s.decided_on IS NOT NULL");
            pharmacies = await CliHarness.ScalarAsync(c, "SELECT COUNT(DISTINCT s.institution_id) FROM supervision_cases s JOIN institutions i ON i.id = s.institution_id WHERE i.type = 4 AND s.decided_on IS NOT NULL");
            (medical + pharmacies).ShouldBeGreaterThan(1);
            // Every supervision amount is posted with balanced entries.
            (await CliHarness.ScalarAsync(c, """
                SELECT COUNT(*) FROM (SELECT e.id FROM journal_entries e JOIN journal_lines l ON l.journal_entry_id = e.id
                WHERE e.source_type LIKE 'supervision-%' GROUP BY e.id HAVING SUM(CAST(ROUND(CAST(l.debit AS REAL) * 100) AS INTEGER)) <> SUM(CAST(ROUND(CAST(l.credit AS REAL) * 100) AS INTEGER)))
                """)).ShouldBe(0);
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM supervision_outcome_payments")).ShouldBeGreaterThan(0);
            suspendedInstitution = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM institutions WHERE status = 2");
        }

        var summary = await CliHarness.RunAsync(db.Env, "supervision", "summary", "--year", year);
        summary.ExitCode.ShouldBe(0, summary.ToString());
        summary.Out.ShouldContain($"{year} 年度基金监管汇总");
        summary.Out.ShouldContain($"违规机构 {medical + pharmacies} 家（医疗机构 {medical} 家、零售药店 {pharmacies} 家）");
        summary.Out.ShouldContain("追回医保基金 5.55 万元（55500.00 元），违约金 10.89 万元（108900.00 元）");
        summary.Out.ShouldContain("查处存在违规行为的定点医疗机构");
        var bad = await CliHarness.RunAsync(db.Env, "supervision", "summary", "--year", "1999");
        bad.ExitCode.ShouldNotBe(0);
        bad.Err.ShouldContain("年度（--year）：“1999”须在 2000–2100 之间");

        // Nothing has ended yet.
        suspendedInstitution.ShouldBe(1);
        var none = await CliHarness.RunAsync(db.Env, "supervision", "lift-expired");
        none.ExitCode.ShouldBe(0, none.ToString());
        none.Out.ShouldContain("到期恢复协议 0 家");

        // The suspension's end date moves into the past (as if time went by): the job lifts it, once.
        await using (var w = new SqliteConnection("Data Source=" + db.File + ";Pooling=False"))
        {
            await w.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = w.CreateCommand();
            cmd.CommandText = "UPDATE supervision_case_outcomes SET to_date = '2000-01-31', from_date = '2000-01-01' WHERE kind = 3";
            (await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        }

        var lifted = await CliHarness.RunAsync(db.Env, "supervision", "lift-expired");
        lifted.ExitCode.ShouldBe(0, lifted.ToString());
        lifted.Out.ShouldContain("暂停至 2000-01-31，2000-02-01 起恢复协议");
        lifted.Out.ShouldContain("到期恢复协议 1 家");
        await using (var c = db.Open())
        {
            (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM institutions WHERE status = 2")).ShouldBe(0);
            (await CliHarness.ColumnAsync(c, "SELECT lifted_on FROM supervision_case_outcomes WHERE kind = 3")).Single().ShouldStartWith("2000-02-01");
        }

        (await CliHarness.RunAsync(db.Env, "supervision", "lift-expired")).Out.ShouldContain("到期恢复协议 0 家");
    }
}
