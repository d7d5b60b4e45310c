using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Yibao.Cli.Tests;

/// <summary>
/// The demo county's coverage is consistent: one active basic enrollment per person, special statuses in realistic
/// shares, contributions split by the policy, and every journal entry balanced per fund — the same on SQLite and PostgreSQL.
/// </summary>
public class DemoCoverageTests
{
    private const int Insured = 5000;

    [Fact]
    public async Task Seeded_coverage_is_consistent_and_the_ledger_balances()
    {
        using var db = new TempSqlite();
        var run = await CliHarness.RunAsync(db.Env, "demo", "seed", "--insured", Insured.ToString(CultureInfo.InvariantCulture), "--seed", "7", "--without-care");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("参保记录 5000 条");
        run.Out.ShouldContain("年度居民缴费");

        await using var c = db.Open();
        await AssertConsistentAsync(c);
    }

    [Fact]
    public async Task Seeded_coverage_is_the_same_on_PostgreSQL()
    {
        var server = Environment.GetEnvironmentVariable("YIBAO_TEST_PG");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(server), "未设置 YIBAO_TEST_PG，跳过 PostgreSQL 上的演示参保数据测试；./test.sh 会设置它");
        var ct = TestContext.Current.CancellationToken;
        var dbName = "yibao_cov_" + Guid.NewGuid().ToString("N")[..12];
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
            (await CliHarness.RunAsync(env, "demo", "seed", "--insured", "3000", "--seed", "9", "--without-care")).ExitCode.ShouldBe(0);
            using var sqlite = new TempSqlite();
            (await CliHarness.RunAsync(sqlite.Env, "demo", "seed", "--insured", "3000", "--seed", "9", "--without-care")).ExitCode.ShouldBe(0);

            await using var pg = new NpgsqlConnection(cs);
            await pg.OpenAsync(ct);
            await using var lite = sqlite.Open();
            (await CoverageHashAsync(pg)).ShouldBe(await CoverageHashAsync(lite));
            await AssertConsistentAsync(pg);

            // Identity sequences continue after the loaded ids.
            var maxLine = await CliHarness.ScalarAsync(pg, "SELECT MAX(id) FROM journal_lines");
            (await CliHarness.ScalarAsync(pg, "SELECT nextval(pg_get_serial_sequence('journal_lines', 'id'))")).ShouldBe(maxLine + 1);
            var maxEnrollment = await CliHarness.ScalarAsync(pg, "SELECT MAX(id) FROM enrollments");
            (await CliHarness.ScalarAsync(pg, "SELECT nextval(pg_get_serial_sequence('enrollments', 'id'))")).ShouldBe(maxEnrollment + 1);
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

    private static async Task AssertConsistentAsync(DbConnection c)
    {
        var persons = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM persons");

        // Exactly one active basic enrollment (310 or 390) per person, each with its 参保登记 event.
        (await CliHarness.ScalarAsync(c,
            "SELECT COUNT(*) FROM persons p WHERE (SELECT COUNT(*) FROM enrollments e WHERE e.person_id = p.id AND e.psn_insu_stas = 1 AND e.insutype IN (310, 390)) <> 1"))
            .ShouldBe(0);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM enrollments e WHERE NOT EXISTS (SELECT 1 FROM enrollment_events v WHERE v.enrollment_id = e.id AND v.kind = 1)")).ShouldBe(0);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM enrollments WHERE insutype = 310 AND psn_type = 11 AND employer_id IS NULL")).ShouldBe(0);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM enrollments e JOIN persons p ON p.id = e.person_id WHERE e.begndate < p.birth_date")).ShouldBe(0);
        var employees = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM enrollments WHERE insutype = 310");
        employees.ShouldBeInRange(persons / 20, persons / 4);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM enrollments WHERE insutype = 310 AND psn_type = 12")).ShouldBeGreaterThan(0);

        // Special statuses in realistic shares.
        var poverty = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM person_special_statuses WHERE psn_idet_type = 3");
        poverty.ShouldBeInRange(persons * 2 / 100, persons * 5 / 100);
        var minimum = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM person_special_statuses WHERE psn_idet_type = 2");
        minimum.ShouldBeInRange(persons / 100, persons * 3 / 100);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM person_special_statuses WHERE psn_idet_type = 1")).ShouldBeLessThan(persons / 200);

        // Policy data exists for the year.
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM resident_contribution_policies WHERE year = 2026")).ShouldBe(1);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM waiting_period_rules")).ShouldBe(2);

        // Contributions: only 390 enrollees, individual = 代缴 + 本人, subsidy per policy, one balanced entry each.
        (await CliHarness.ScalarAsync(c,
            "SELECT COUNT(*) FROM resident_contributions r WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.person_id = r.person_id AND e.insutype = 390)")).ShouldBe(0);
        var rows = await RowsAsync(c, "SELECT individual_amount, sponsored_amount, paid_by_person, subsidy_amount, sponsored_for FROM resident_contributions");
        rows.Count.ShouldBeGreaterThan((int)(persons * 7 / 10));
        foreach (var r in rows)
        {
            Dec(r[0]).ShouldBe(380m);
            (Dec(r[1]) + Dec(r[2])).ShouldBe(Dec(r[0]));
            Dec(r[3]).ShouldBe(640m);
            if (r[4] == "1")
            {
                Dec(r[1]).ShouldBe(380m); // 特困: 全额代缴
            }
        }

        var lines = await RowsAsync(c, "SELECT journal_entry_id, fund, debit, credit FROM journal_lines");
        foreach (var entry in lines.GroupBy(l => (l[0], l[1])))
        {
            entry.Sum(l => Dec(l[2])).ShouldBe(entry.Sum(l => Dec(l[3])), $"凭证 {entry.Key.Item1} 基金 {entry.Key.Item2} 借贷不平");
        }

        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM journal_entries WHERE source_type = 'resident-contribution'")).ShouldBe(rows.Count);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM resident_contributions r JOIN journal_entries j ON j.id = r.journal_entry_id")).ShouldBe(rows.Count);
        var sponsoredTotal = rows.Sum(r => Dec(r[1]));
        lines.Where(l => l[1] == "4" && Dec(l[2]) > 0).Sum(l => Dec(l[2])).ShouldBe(sponsoredTotal); // 医疗救助基金 代缴支出

        await AssertEmployeeContributionsAsync(c);
    }

    /// <summary>职工征缴: policy, 核定 bases within floor/ceiling, plans only for in-service employees, payments and 灵活就业 each with their entry, some arrears.</summary>
    private static async Task AssertEmployeeContributionsAsync(DbConnection c)
    {
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM employee_contribution_policies WHERE year = 2026")).ShouldBe(1);
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM contribution_bases")).ShouldBeGreaterThan(0);
        var policy = (await RowsAsync(c, "SELECT average_monthly_wage, floor_ratio, ceiling_ratio FROM employee_contribution_policies WHERE year = 2026"))[0];
        var floor = decimal.Round(Dec(policy[0]) * Dec(policy[1]), 2, MidpointRounding.AwayFromZero);
        var ceiling = decimal.Round(Dec(policy[0]) * Dec(policy[2]), 2, MidpointRounding.AwayFromZero);
        (await RowsAsync(c, "SELECT clct_base FROM contribution_bases")).ShouldAllBe(r => Dec(r[0]) >= floor && Dec(r[0]) <= ceiling);
        (await RowsAsync(c, "SELECT declared_base, clct_base FROM contribution_bases")).Count(r => Dec(r[0]) < Dec(r[1])).ShouldBeGreaterThan(0); // 核定 raised some to the floor

        // Plan lines: in-service 310 enrollees of that employer with a base; totals are the sums of the lines.
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM collection_plans")).ShouldBeGreaterThan(0);
        (await CliHarness.ScalarAsync(c,
            "SELECT COUNT(*) FROM collection_plan_lines l JOIN collection_plans p ON p.id = l.plan_id WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.person_id = l.person_id AND e.insutype = 310 AND e.employer_id = p.employer_id)"))
            .ShouldBe(0);
        (await CliHarness.ScalarAsync(c,
            "SELECT COUNT(*) FROM collection_plans p WHERE p.headcount <> (SELECT COUNT(*) FROM collection_plan_lines l WHERE l.plan_id = p.id)")).ShouldBe(0);
        // Money is compared in C#: SQLite stores decimals as text, so SQL arithmetic on them would be floating point.
        var planLines = (await RowsAsync(c, "SELECT plan_id, employer_amount, employee_amount FROM collection_plan_lines"))
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Sum(r => Dec(r[1]) + Dec(r[2])));
        var plans = await RowsAsync(c, "SELECT id, total_amount, employer_id, period FROM collection_plans");
        plans.Where(p => Dec(p[1]) != planLines[p[0]]).ShouldBeEmpty("计划合计须等于明细之和");

        // Payments: each with its own 职工统筹 entry of the same amount; some employer-months short (欠费).
        var payments = await RowsAsync(c, "SELECT journal_entry_id, amount, employer_id, period FROM employer_payments");
        payments.ShouldNotBeEmpty();
        (await CliHarness.ScalarAsync(c,
            "SELECT COUNT(*) FROM employer_payments p JOIN journal_entries j ON j.id = p.journal_entry_id AND j.source_type = 'employer-payment' AND j.source_id = p.ticket_no")).ShouldBe(payments.Count);
        var credited = (await RowsAsync(c, "SELECT journal_entry_id, credit FROM journal_lines WHERE fund = 1 AND account_code = '4001'"))
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Sum(r => Dec(r[1])));
        payments.Where(p => !credited.TryGetValue(p[0], out var cr) || cr != Dec(p[1])).ShouldBeEmpty("入库金额须等于凭证贷方");
        var paid = payments.GroupBy(p => (p[2], p[3])).ToDictionary(g => g.Key, g => g.Sum(p => Dec(p[1])));
        var shortMonths = plans.Count(p => Dec(p[1]) > paid.GetValueOrDefault((p[2], p[3])));
        shortMonths.ShouldBeGreaterThan(0);
        shortMonths.ShouldBeLessThan(plans.Count / 2);

        // 灵活就业: only 灵活就业 310 enrollees, each payment with its entry.
        var flexible = await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM flexible_contributions");
        flexible.ShouldBeGreaterThan(0);
        (await CliHarness.ScalarAsync(c,
            "SELECT COUNT(*) FROM flexible_contributions f WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.person_id = f.person_id AND e.insutype = 310 AND e.psn_type = 13)")).ShouldBe(0);
        (await CliHarness.ScalarAsync(c,
            "SELECT COUNT(*) FROM flexible_contributions f JOIN journal_entries j ON j.id = f.journal_entry_id AND j.source_type = 'flexible-contribution'")).ShouldBe(flexible);

        // Personal accounts credited month by month through the accounts job.
        (await CliHarness.ScalarAsync(c, "SELECT COUNT(*) FROM personal_account_entries")).ShouldBeGreaterThan(0);
    }

    /// <summary>Coverage rows hashed engine-independently (decimals normalized to 2 places).</summary>
    private static async Task<string> CoverageHashAsync(DbConnection c)
    {
        var sb = new StringBuilder();
        foreach (var sql in new[]
                 {
                     "SELECT id, person_id, insutype, psn_type, employer_id, begndate, psn_insu_stas, first_contribution_date FROM enrollments ORDER BY id",
                     "SELECT id, enrollment_id, kind, effective_date, psn_type, sequence FROM enrollment_events ORDER BY id",
                     "SELECT id, person_id, psn_idet_type, begntime, source FROM person_special_statuses ORDER BY id",
                     "SELECT id, person_id, year, individual_amount, sponsored_amount, paid_by_person, subsidy_amount, paid_on, receipt_no, journal_entry_id FROM resident_contributions ORDER BY id",
                     "SELECT id, entry_date, memo, source_type, source_id FROM journal_entries ORDER BY id",
                     "SELECT id, journal_entry_id, fund, account_code, debit, credit, person_id FROM journal_lines ORDER BY id",
                 })
        {
            foreach (var row in await RowsAsync(c, sql))
            {
                sb.AppendJoin('|', row.Select(v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && v.Contains('.', StringComparison.Ordinal)
                    ? d.ToString("0.00", CultureInfo.InvariantCulture)
                    : v)).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static async Task<List<string[]>> RowsAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? string.Empty : reader.GetValue(i) switch
                {
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var o => o.ToString() ?? string.Empty,
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);
}
