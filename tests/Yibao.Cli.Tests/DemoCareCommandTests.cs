namespace Yibao.Cli.Tests;

/// <summary><c>yibao demo seed</c> generates the year of care: counts and time printed, the rows match, same seed = same care.</summary>
public sealed class DemoCareCommandTests
{
    [Fact]
    public async Task Demo_seed_generates_a_deterministic_year_of_care_and_prints_its_counts()
    {
        using var a = new TempSqlite();
        using var b = new TempSqlite();
        var runA = await CliHarness.RunAsync(a.Env, "demo", "seed", "--insured", "600", "--seed", "9");
        runA.ExitCode.ShouldBe(0, runA.ToString());
        runA.Out.ShouldContain("2026 年度就医：普通门诊");
        runA.Out.ShouldContain("住院");
        runA.Out.ShouldContain("费用明细");
        runA.Out.ShouldContain("条/秒");
        var runB = await CliHarness.RunAsync(b.Env, "demo", "seed", "--insured", "600", "--seed", "9");
        runB.ExitCode.ShouldBe(0, runB.ToString());

        const string SettlementHash = "SELECT group_concat(setl_id || ':' || psn_no || ':' || medfee_sumamt || ':' || fund_pay_sumamt || ':' || acct_pay || ':' || accumulators_after_json, '|') FROM (SELECT * FROM settlements ORDER BY id)";
        await using var ca = a.Open();
        await using var cb = b.Open();
        var hashA = (await CliHarness.ColumnAsync(ca, SettlementHash)).Single();
        hashA.ShouldNotBeNullOrEmpty();
        (await CliHarness.ColumnAsync(cb, SettlementHash)).Single().ShouldBe(hashA);

        // The printed counts are the rows written.
        var settlements = await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM settlements");
        var feeLines = await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM fee_details");
        runA.Out.ShouldContain($"费用明细 {feeLines} 条");
        runA.Out.ShouldContain($"结算 {settlements} 笔");
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM medical_encounters WHERE med_type = 21")).ShouldBeGreaterThan(0);
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM out_of_area_filings")).ShouldBeGreaterThan(0);
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM manual_reimbursements WHERE status = 2 AND paid_date IS NOT NULL")).ShouldBeGreaterThan(0);
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM audit_entries WHERE entity = 'DemoCare'")).ShouldBe(1);

        // 职工 paid from their accounts (credited by the seed's monthly 划入): one 支付 entry per settlement with acct_pay, printed.
        var accountPaid = await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM settlements WHERE CAST(acct_pay AS REAL) > 0");
        accountPaid.ShouldBeGreaterThan(0);
        (await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM personal_account_entries WHERE kind = 2")).ShouldBe(accountPaid);
        runA.Out.ShouldContain($"职工个人账户支付 {accountPaid} 笔");
        runA.Out.ShouldContain("事中智能审核：未启用事中审核规则");

        // 月结算单 of every month of 2026 that has ended, one per institution and month with settlements, printed.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var ended = today.Year > 2026 ? 12 : today.Month - 1;
        var statements = await CliHarness.ScalarAsync(ca, "SELECT COUNT(*) FROM monthly_statements");
        statements.ShouldBe(await CliHarness.ScalarAsync(ca,
            $"SELECT COUNT(*) FROM (SELECT DISTINCT institution_id, substr(setl_date, 1, 7) FROM settlements WHERE CAST(substr(setl_date, 6, 2) AS INTEGER) <= {ended})"));
        if (ended > 0)
        {
            statements.ShouldBeGreaterThan(0);
            runA.Out.ShouldContain($"月结算单 {statements} 张（2026 年 1–{ended} 月");
        }
        // Every settlement's lines add up to its medfee_sumamt (compared in 分).
        (await CliHarness.ScalarAsync(ca, """
            SELECT COUNT(*) FROM settlements s
            JOIN (SELECT encounter_id, SUM(CAST(ROUND(CAST(det_item_fee_sumamt AS REAL) * 100) AS INTEGER)) AS fen FROM fee_details GROUP BY encounter_id) f ON f.encounter_id = s.encounter_id
            WHERE f.fen <> CAST(ROUND(CAST(s.medfee_sumamt AS REAL) * 100) AS INTEGER)
            """)).ShouldBe(0);

        // --without-care: registry, catalog and policy only.
        using var c = new TempSqlite();
        var bare = await CliHarness.RunAsync(c.Env, "demo", "seed", "--insured", "300", "--without-care");
        bare.ExitCode.ShouldBe(0, bare.ToString());
        bare.Out.ShouldNotContain("年度就医");
        await using var cc = c.Open();
        (await CliHarness.ScalarAsync(cc, "SELECT COUNT(*) FROM settlements")).ShouldBe(0);
    }
}
