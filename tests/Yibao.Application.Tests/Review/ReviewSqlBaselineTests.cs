using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yibao.Application.Review;
using Yibao.Application.Tests.Common;
using Yibao.Benchmarks.Review;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Review;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Review;

/// <summary>
/// The SQL baseline of <c>review-pg-timing</c> (bench/Yibao.Benchmarks/Review/ReviewSqlBaseline.cs, linked into this project) returns
/// exactly the engine's flags — the same line ids per flag and the same amount — rule by rule, on a small synthetic year stored in
/// PostgreSQL and read by the real reader; for the sample rule set and for variants of every rule type (other windows, parameters,
/// scopes and effective dates). PostgreSQL only: the baseline is PostgreSQL SQL.
/// </summary>
public sealed class ReviewSqlBaselineTests
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    /// <summary>Denser than the benchmark's year so that every rule type hits: few institutions and diagnoses, many rule items, sparse stays.</summary>
    private static readonly SyntheticYearOptions Dense = new()
    {
        Institutions = 4,
        RuleLinePercent = 35,
        Diagnoses = 3,
        MaxVisits = 14,
        DeathOneIn = 15,
        ShortCoverageOneIn = 8,
        InpatientLinesPerDay = 3,
        Variety = true,
    };

    private static string Root()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Yibao.slnx")))
        {
            d = d.Parent;
        }

        return d?.FullName ?? throw new InvalidOperationException("找不到 Yibao.slnx");
    }

    /// <summary>The sample rules (all of them, drafts included) and variants that exercise the other branches of each type.</summary>
    private static List<ReviewRule> Rules(ReviewRuleSet sample)
    {
        var byId = sample.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        ReviewRule V(string id, string suffix, Func<ReviewRule, ReviewRule> change) => change(byId[id]) with { Id = id + "-" + suffix };
        var rules = sample.Rules.ToList();
        rules.AddRange(
        [
            // 单日限量 / 单次住院限量.
            V("SL-001", "2", r => r with { Parameters = r.Parameters with { MaxQuantity = 2 } }),
            V("SL-002", "ALL", r => r with { Scope = new ReviewScope(), Parameters = r.Parameters with { MaxQuantity = 3 } }),
            // 频次: every window.
            V("PC-001", "E", r => r with { Window = ReviewWindow.Encounter, Parameters = r.Parameters with { MaxQuantity = 2 } }),
            V("PC-001", "D", r => r with { Window = ReviewWindow.Day, Parameters = r.Parameters with { MaxQuantity = 1 } }),
            V("PC-001", "Y", r => r with { Window = ReviewWindow.Year, Parameters = r.Parameters with { MaxQuantity = 6 } }),
            V("PC-002", "30", r => r with { WindowDays = 30, Parameters = r.Parameters with { MaxQuantity = 5.5m } }),
            V("PC-002", "1", r => r with { WindowDays = 1, Parameters = r.Parameters with { MaxQuantity = 2 } }),
            // 疗程.
            V("LC-001", "1", r => r with { Parameters = r.Parameters with { MaxDays = 1, AllowedGapDays = 3 } }),
            V("LC-001", "3", r => r with { Parameters = r.Parameters with { MaxDays = 3, AllowedGapDays = 10 } }),
            // 重复收费 of the daily bed fee (same day, quantity and price as a random bed line).
            V("CF-001", "BED", r => r with { Parameters = r.Parameters with { Items = ["001102000010000"] } }),
            // 包含 / 互斥 / 伴随 with the other window.
            V("BH-001", "E", r => r with { Window = ReviewWindow.Encounter }),
            V("HC-001", "E", r => r with { Window = ReviewWindow.Encounter }),
            V("BS-001", "D", r => r with { Window = ReviewWindow.Day }),
            // 虚记.
            V("XJ-003", "X", r => r with { Scope = new ReviewScope(), Parameters = r.Parameters with { ExtraDays = 2 } }),
            // 分解住院: any institution, 1-character diagnosis prefix, 60 days; and a short window at the same institution.
            V("FJ-001", "ANY", r => r with { Parameters = r.Parameters with { SameInstitution = false, DiagnosisPrefixLength = 1, ReadmissionDays = 60 } }),
            V("FJ-001", "60", r => r with { Parameters = r.Parameters with { ReadmissionDays = 60, DiagnosisPrefixLength = 7 } }),
            // 挂床.
            V("GC-001", "0", r => r with { Parameters = r.Parameters with { MaxIdleDays = 0 } }),
            V("GC-001", "1", r => r with { Parameters = r.Parameters with { MaxIdleDays = 1, Items = ["001102000010000"] } }),
            // 超量开药: every window.
            V("CL-001", "E", r => r with { Window = ReviewWindow.Encounter, Parameters = r.Parameters with { MaxDays = 30 } }),
            V("CL-001", "Y", r => r with { Window = ReviewWindow.Year, Parameters = r.Parameters with { MaxDays = 90 } }),
            V("CL-001", "30", r => r with { Window = ReviewWindow.Days, WindowDays = 30, Parameters = r.Parameters with { MaxDays = 40 } }),
            // Scope and effective dates on the encounter-level rules.
            V("SW-001", "310", r => r with { Scope = new ReviewScope { Insutypes = ["310"] } }),
            V("CB-001", "H2", r => r with { EffectiveFrom = new DateOnly(2025, 7, 1) }),
            V("LD-001", "L12", r => r with { Scope = new ReviewScope { InstitutionLevels = [1, 2] }, EffectiveFrom = new DateOnly(2025, 4, 1) }),
            V("FJ-001", "H1", r => r with { Parameters = r.Parameters with { SameInstitution = false }, EffectiveTo = new DateOnly(2025, 6, 30),
                Scope = new ReviewScope { Insutypes = ["390"] } }),
            V("GC-001", "L3", r => r with { Parameters = r.Parameters with { MaxIdleDays = 0 }, Scope = new ReviewScope { VisitTypes = [VisitType.Inpatient], InstitutionLevels = [3] } }),
            V("PC-002", "V", r => r with { Scope = new ReviewScope { VisitTypes = [VisitType.Inpatient] }, Parameters = r.Parameters with { MaxQuantity = 2 } }),
        ]);
        return rules;
    }

    [Fact]
    public async Task Sql_baseline_returns_the_engines_flags_rule_by_rule_for_every_rule_type_on_a_synthetic_year()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        var connection = await db.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<AppDbContext>().Database.GetConnectionString()!));
        var sample = ReviewRuleJson.Parse(await File.ReadAllTextAsync(Path.Combine(Root(), "samples", "review", "shifanxian-rules.json"), ct));
        var written = await ReviewSyntheticYear.LoadAsync(connection, 40_000, sample, Dense);
        written.ShouldBe(40_000);
        await AddBoundaryCasesAsync(connection, ct);

        var rules = Rules(sample);
        var items = new CodeTable();
        var engine = new ReviewEngine(rules, items);
        var data = await db.InScopeAsync(sp => sp.GetRequiredService<IReviewBatchReader>().ReadAsync(From, To, items, ct));
        var engineFlags = ReviewSqlBaseline.FromEngine(engine.Evaluate(data.Batch), data.LineIds);

        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        var mismatches = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var sql = await ReviewSqlBaseline.RunAsync(conn, rule, From, To, ct);
            var mine = engineFlags.TryGetValue(rule.Id, out var list) ? list : [];
            counts[rule.Id] = mine.Count;
            TestContext.Current.TestOutputHelper?.WriteLine($"{rule.Id}（{rule.Type.ChineseName()}）：引擎 {mine.Count} 个，SQL {sql.Count} 个");
            if (ReviewSqlBaseline.Compare(mine, sql) is { } diff)
            {
                mismatches.Add($"{rule.Id}（{rule.Type.ChineseName()}）：{diff}");
            }
        }

        mismatches.ShouldBeEmpty();

        // Not vacuous: every rule type flags something in this year, and so do the variants that move a boundary.
        foreach (var type in Enum.GetValues<ReviewRuleType>())
        {
            rules.Where(r => r.Type == type).Sum(r => counts[r.Id]).ShouldBeGreaterThan(0, $"规则类型 {type.ChineseName()} 在合成年度中没有疑点");
        }

        foreach (var id in new[] { "SL-001-2", "PC-001-E", "PC-001-D", "PC-001-Y", "PC-002-30", "PC-002-1", "LC-001-1", "CF-001-BED", "BH-001-E", "HC-001-E",
                     "BS-001-D", "FJ-001-ANY", "GC-001-0", "CL-001-E", "CL-001-Y", "CL-001-30", "SW-001-310", "CB-001-H2", "LD-001-L12" })
        {
            counts[id].ShouldBeGreaterThan(0, $"规则 {id} 在合成年度中没有疑点");
        }

        // Windows and parameters change the result (the variants are not the same rule twice).
        counts["PC-001-D"].ShouldNotBe(counts["PC-001"]);
        counts["GC-001-0"].ShouldBeGreaterThan(counts["GC-001"]);
        counts["FJ-001-ANY"].ShouldBeGreaterThan(counts["FJ-001"]);

        // The hand-made boundaries hit as intended on the engine's side (so SQL equal to it is right at the edges too).
        var boundary = engineFlags.Where(kv => kv.Key.StartsWith("FJ-001", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Where(f => f.Ids.Length > 0 && f.Ids.All(id => id >= BoundaryIds)).Select(f => f.Ids.Min()).Order().ToArray(), StringComparer.Ordinal);
        boundary["FJ-001"].ShouldBe([BoundaryIds + 10, BoundaryIds + 40]); // E1: gap 15 = readmission_days, case-insensitive; E4: gap 0, same institution
        boundary["FJ-001-ANY"].ShouldBe([BoundaryIds + 10, BoundaryIds + 20, BoundaryIds + 30, BoundaryIds + 40]);
        boundary["FJ-001-60"].ShouldBe([BoundaryIds + 40]); // 7-character prefix: only two codes of equal length 3 agree
        engineFlags["LD-001"].Where(f => f.Ids.Length > 0 && f.Ids.All(id => id >= BoundaryIds)).Select(f => f.Ids.Min()).ShouldBe([BoundaryIds + 60]); // only the visit strictly inside the stay
    }

    /// <summary>First id of the hand-made encounters and fee lines (above the synthetic year's).</summary>
    private const long BoundaryIds = 9_000_000;

    /// <summary>
    /// One more person with five 住院 at the edges of 分解住院 and three outpatient visits at the edges of 同一时间两地就诊:
    /// E0 03-01–03-05 K35.900 (inst 1); E1 03-20–03-25 "k35.100" (inst 1, 15 days later); E2 04-10–04-12 "K35" (inst 1, 16 days later);
    /// E3 04-12–04-14 "K35" (inst 2, 0 days); E4 04-14–04-16 "K35" (inst 2, 0 days); visits at inst 3 on 03-01, 03-02 and 03-05.
    /// Each encounter has one line per day (ids BoundaryIds + 10 × encounter + day).
    /// </summary>
    private static async Task AddBoundaryCasesAsync(string connection, CancellationToken ct)
    {
        const long person = BoundaryIds;
        var sql = new System.Text.StringBuilder();
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"INSERT INTO persons (id, person_no, certno, name, gender, birth_date, pool_area_code) VALUES ({person}, 'B900000000000001', 'B90000000000000001', '边界', 1, DATE '1960-05-01', '130123');");
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"INSERT INTO enrollments (id, person_id, insutype, psn_type, begndate, enddate, psn_insu_stas, termination_reason, carried_contribution_months, insuplc_admdvs) " +
                   $"VALUES ({person}, {person}, 390, 22, DATE '2024-01-01', NULL, 1, NULL, 0, '130123');");
        (int Inst, int Visit, string Begin, string End, string Diag)[] encounters =
        [
            (1, 21, "2025-03-01", "2025-03-05", "K35.900"), (1, 21, "2025-03-20", "2025-03-25", "k35.100"), (1, 21, "2025-04-10", "2025-04-12", "K35"),
            (2, 21, "2025-04-12", "2025-04-14", "K35"), (2, 21, "2025-04-14", "2025-04-16", "K35"),
            (3, 11, "2025-03-01", "2025-03-01", "J06.900"), (3, 11, "2025-03-02", "2025-03-02", "J06.900"), (3, 11, "2025-03-05", "2025-03-05", "J06.900"),
        ];
        for (var k = 0; k < encounters.Length; k++)
        {
            var (inst, visit, begin, end, diag) = encounters[k];
            var id = BoundaryIds + k;
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"INSERT INTO medical_encounters (id, mdtrt_id, institution_id, person_id, psn_no, insutype, med_type, begin_date, endtime, dise_codg, insuplc_admdvs, status, created_at) " +
                       $"VALUES ({id}, 'BX{id}', {inst}, {person}, 'B900000000000001', '390', {visit}, DATE '{begin}', DATE '{end}', '{diag}', '130123', 2, now());");
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"INSERT INTO fee_details (id, encounter_id, feedetl_sn, med_list_codg, cnt, pric, det_item_fee_sumamt, fee_ocur_date, cancelled) " +
                       $"SELECT {BoundaryIds} + {10 * k} + d, {id}, d::text, 'ZZ-BOUNDARY', 1, 12.5, 12.5, DATE '{begin}' + d, false " +
                       $"FROM generate_series(0, greatest(DATE '{end}' - DATE '{begin}' - 1, 0)) d;");
        }

        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql.ToString(), conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
