using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Yibao.Domain.Review;

namespace Yibao.Benchmarks.Review;

/// <summary>One flag of the SQL baseline (or of the engine, mapped to stored ids): the fee-line ids and the amount in 元.</summary>
public sealed record BaselineFlag(long[] Ids, decimal Amount);

/// <summary>
/// The SQL baseline of the review engine (<see cref="ReviewEngine"/>): every rule type as one PostgreSQL statement (a CTE chain counts
/// as one) that returns the rule's flags — one row per flag: the flagged fee-line id (<c>bigint</c>) or the ids of the flagged group
/// (<c>bigint[]</c>), and the amount — the same flags the engine produces over the batch that <c>ReviewBatchReader</c> reads for the
/// period (encounters that began in it and are not cancelled, their fee lines that are not cancelled). Each statement honours the
/// rule's effective dates (on the encounter's admission date), its scope (险种, institution level and type, visit type), its window and
/// its parameters exactly as the engine does: quantities rounded to 3 decimals, shares rounded half away from zero to the 分, an open
/// 住院 ending on its last fee date, the main diagnosis being the first non-empty entry of <c>dscg_maindiag_code</c> (else
/// <c>dise_codg</c>) split on ';'.
/// <para>
/// Used by <c>review-pg-timing</c> (the baseline and its flag-by-flag comparison) and linked into the application tests
/// (<c>ReviewSqlBaselineTests</c>), which compare it with the engine rule by rule so the baseline cannot drift. Not production code.
/// </para>
/// One known difference: where the engine orders a person's encounters with equal admission and discharge dates by their batch index
/// (read order), SQL orders them by id; this only matters to 分解住院 between two stays admitted and discharged on the same day.
/// </summary>
public static class ReviewSqlBaseline
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rule types with a SQL translation: all of them.</summary>
    public static readonly ReviewRuleType[] SqlTypes = Enum.GetValues<ReviewRuleType>();

    /// <summary>Characters .NET's <c>StringSplitOptions.TrimEntries</c> trims that occur in practice (space, tab, CR/LF, FF, VT, NBSP, 全角空格).</summary>
    private const string TrimChars = @"E' \t\n\r\f\u000B\u00A0\u3000'";

    /// <summary>出院日 as the reader computes it: endtime; an open 住院 ends on its last fee date; never before admission.</summary>
    private const string Discharge =
        "greatest(e.begin_date, coalesce(CASE WHEN e.endtime IS NULL AND e.med_type = 21 THEN (SELECT max(x.fee_ocur_date) FROM fee_details x WHERE x.encounter_id = e.id) " +
        "ELSE e.endtime END, e.begin_date))";

    /// <summary>主诊断: the first non-empty entry of the diagnosis list (NULL when there is none).</summary>
    private const string MainDiagnosis =
        "(SELECT btrim(d, " + TrimChars + ") FROM unnest(string_to_array(coalesce(e.dscg_maindiag_code, e.dise_codg, ''), ';')) WITH ORDINALITY u(d, n) " +
        "WHERE btrim(d, " + TrimChars + ") <> '' ORDER BY n LIMIT 1)";

    private const string Quantity = "round(f.cnt, 3)";

    private const string Encounters = " medical_encounters e JOIN institutions i ON i.id = e.institution_id ";

    /// <summary>total × part / whole rounded to the 分, never above total; total when whole ≤ 0 or part ≥ whole (the engine's Share).</summary>
    private static string Share(string total, string part, string whole) =>
        $"CASE WHEN ({whole}) <= 0 OR ({part}) >= ({whole}) THEN ({total}) ELSE least(({total}), round(({total}) * ({part}) / ({whole}), 2)) END";

    /// <summary>
    /// One rule as SQL returning its flags: column 0 the flagged line id (bigint) or the group's line ids (bigint[]), column 1 the amount.
    /// Integers from the validated rule (window days) are inlined; everything else is a parameter.
    /// </summary>
    public static (string Sql, NpgsqlParameter[] Parameters) Sql(ReviewRule r, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(r);
        var p = r.Parameters ?? new ReviewParameters();
        var ps = new List<NpgsqlParameter>
        {
            new("from", NpgsqlDbType.Date) { Value = Max(from, r.EffectiveFrom) },
            new("to", NpgsqlDbType.Date) { Value = Min(to, r.EffectiveTo) },
            new("pfrom", NpgsqlDbType.Date) { Value = from },
            new("pto", NpgsqlDbType.Date) { Value = to },
            new("items", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = p.Items.ToArray() },
        };
        var scope = Scope(r, ps);
        // The rule's lines: fee lines of the rule's items in encounters within the rule's dates and scope.
        var ruleLines = " FROM fee_details f JOIN" + Encounters + "ON e.id = f.encounter_id WHERE " + scope + " AND NOT f.cancelled AND f.med_list_codg = ANY(@items)";
        string sql;
        switch (r.Type)
        {
            case ReviewRuleType.GenderLimit:
                ps.Add(new("gender", NpgsqlDbType.Integer) { Value = p.Gender ?? 0 });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + ruleLines.Replace(" WHERE ", " JOIN persons p ON p.id = e.person_id WHERE ", StringComparison.Ordinal) +
                      " AND p.gender <> @gender";
                break;
            case ReviewRuleType.AgeLimit:
                ps.Add(new("min_age", NpgsqlDbType.Integer) { Value = p.MinAge ?? int.MinValue });
                ps.Add(new("max_age", NpgsqlDbType.Integer) { Value = p.MaxAge ?? int.MaxValue });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + ruleLines.Replace(" WHERE ", " JOIN persons p ON p.id = e.person_id WHERE ", StringComparison.Ordinal) +
                      " AND (date_part('year', age(e.begin_date, p.birth_date)) < @min_age OR date_part('year', age(e.begin_date, p.birth_date)) > @max_age)";
                break;
            case ReviewRuleType.Indication:
                ps.Add(new("prefixes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = p.Diagnoses.Select(d => d.ToUpperInvariant()).ToArray() });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + ruleLines +
                      " AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(coalesce(e.dscg_maindiag_code, e.dise_codg, ''), ';')) d, unnest(@prefixes) pf " +
                      "WHERE btrim(d, " + TrimChars + ") <> '' AND starts_with(upper(btrim(d, " + TrimChars + ")), pf))";
                break;
            case ReviewRuleType.InstitutionLevelLimit:
                ps.Add(new("min_level", NpgsqlDbType.Integer) { Value = p.MinLevel ?? 0 });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + ruleLines + " AND i.level < @min_level";
                break;
            case ReviewRuleType.VisitTypeLimit:
                ps.Add(new("visits", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = p.VisitTypes.Select(v => (int)v).ToArray() });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + ruleLines + " AND NOT (e.med_type = ANY(@visits))";
                break;
            case ReviewRuleType.PriceCap:
                ps.Add(new("max_price", NpgsqlDbType.Numeric) { Value = decimal.Round(p.MaxPrice ?? 0m, 4, MidpointRounding.AwayFromZero) });
                sql = $"SELECT f.id, least(f.det_item_fee_sumamt, round((f.pric - @max_price) * {Quantity}, 2))" + ruleLines + " AND f.pric > @max_price";
                break;
            case ReviewRuleType.QuantityPerDay:
                sql = Window(r, ruleLines, ps, ReviewWindow.Day, Quantity, p.MaxQuantity ?? 0m);
                break;
            case ReviewRuleType.QuantityPerStay:
                sql = Window(r, ruleLines, ps, ReviewWindow.Encounter, Quantity, p.MaxQuantity ?? 0m);
                break;
            case ReviewRuleType.Frequency:
                sql = Window(r, ruleLines, ps, r.Window, Quantity, p.MaxQuantity ?? 0m);
                break;
            case ReviewRuleType.OverSupply:
                sql = Window(r, ruleLines, ps, r.Window, "coalesce(f.medc_days, 0)::numeric", p.MaxDays ?? 0);
                break;
            case ReviewRuleType.CourseLength:
                // Runs of use days per person (a gap above allowed_gap_days starts a new run); lines after the first max_days days of a run
                // are flagged, one flag per run.
                ps.Add(new("gap", NpgsqlDbType.Integer) { Value = p.AllowedGapDays ?? 1 });
                ps.Add(new("max_days", NpgsqlDbType.Integer) { Value = p.MaxDays ?? 0 });
                sql = "WITH l AS (SELECT e.person_id AS person, f.id, f.fee_ocur_date AS dt, f.det_item_fee_sumamt AS amt" + ruleLines + "), " +
                      "b AS (SELECT l.*, CASE WHEN dt - lag(dt) OVER (PARTITION BY person ORDER BY dt, id) <= @gap THEN 0 ELSE 1 END AS brk FROM l), " +
                      "c AS (SELECT b.*, sum(brk) OVER (PARTITION BY person ORDER BY dt, id ROWS UNBOUNDED PRECEDING) AS run FROM b), " +
                      "s AS (SELECT c.*, min(dt) OVER (PARTITION BY person, run) AS start FROM c) " +
                      "SELECT array_agg(id), sum(amt) FROM s WHERE dt - start + 1 > @max_days GROUP BY person, run";
                break;
            case ReviewRuleType.DuplicateCharge:
                sql = $"SELECT ids, amount - largest FROM (SELECT array_agg(f.id) ids, sum(f.det_item_fee_sumamt) amount, max(f.det_item_fee_sumamt) largest" +
                      ruleLines + $" GROUP BY f.encounter_id, f.med_list_codg, f.fee_ocur_date, {Quantity}, f.pric HAVING count(*) > 1) g";
                break;
            case ReviewRuleType.IncludedItem:
            case ReviewRuleType.MutuallyExclusive:
            case ReviewRuleType.MissingCompanion:
            {
                // 包含/互斥: the other items' lines when a primary item is charged in the encounter (the same day for window day);
                // 伴随: the primary items' lines when no companion is charged. One flag per encounter.
                var companion = r.Type == ReviewRuleType.MissingCompanion;
                ps.Add(new("others", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = (companion ? p.CompanionItems : p.OtherItems).ToArray() });
                var sameDay = r.Window == ReviewWindow.Day ? " AND y.fee_ocur_date = f.fee_ocur_date" : "";
                var flagged = companion ? "@items" : "@others";
                var partner = companion ? "@others" : "@items";
                sql = "SELECT array_agg(f.id), sum(f.det_item_fee_sumamt) FROM fee_details f JOIN" + Encounters + "ON e.id = f.encounter_id WHERE " + scope +
                      $" AND NOT f.cancelled AND f.med_list_codg = ANY({flagged}) AND {(companion ? "NOT " : "")}EXISTS (SELECT 1 FROM fee_details y WHERE " +
                      $"y.encounter_id = f.encounter_id AND NOT y.cancelled AND y.med_list_codg = ANY({partner}){sameDay}) GROUP BY f.encounter_id";
                break;
            }

            case ReviewRuleType.PerDayExcess:
                // 虚记: per encounter, the quantity of per-day items above (stay days + extra_days); stay days = max(1, discharge − admission).
                ps.Add(new("extra", NpgsqlDbType.Integer) { Value = p.ExtraDays ?? 0 });
                sql = $"WITH l AS (SELECT f.encounter_id AS enc, greatest(1, {Discharge} - e.begin_date) AS days, f.id, {Quantity} AS q, f.det_item_fee_sumamt AS amt" +
                      ruleLines + ") SELECT array_agg(id), " + Share("sum(amt)", "sum(q) - (days + @extra)", "sum(q)") +
                      " FROM l GROUP BY enc, days HAVING sum(q) > days + @extra";
                break;
            case ReviewRuleType.BedBlocking:
                // 挂床: 住院 in scope; a stay day is treated when a line of any item other than the rule's is dated on it; when the idle days exceed
                // max_idle_days the rule's lines on idle days are flagged (one flag per stay, possibly with no lines).
                ps.Add(new("max_idle", NpgsqlDbType.Integer) { Value = p.MaxIdleDays ?? 0 });
                sql = $"WITH s AS (SELECT e.id, e.begin_date AS adm, greatest(1, {Discharge} - e.begin_date) AS days FROM" + Encounters + "WHERE " + scope + " AND e.med_type = 21), " +
                      "t AS (SELECT DISTINCT f.encounter_id AS enc, f.fee_ocur_date AS dt FROM fee_details f JOIN s ON s.id = f.encounter_id " +
                      "WHERE NOT f.cancelled AND NOT (f.med_list_codg = ANY(@items)) AND f.fee_ocur_date >= s.adm AND f.fee_ocur_date < s.adm + s.days), " +
                      "idle AS (SELECT s.id, s.adm, s.days FROM s LEFT JOIN t ON t.enc = s.id GROUP BY s.id, s.adm, s.days HAVING s.days - count(t.dt) > @max_idle) " +
                      "SELECT coalesce(array_agg(f.id) FILTER (WHERE f.id IS NOT NULL), '{}'::bigint[]), coalesce(sum(f.det_item_fee_sumamt), 0) FROM idle " +
                      "LEFT JOIN fee_details f ON f.encounter_id = idle.id AND NOT f.cancelled AND f.med_list_codg = ANY(@items) " +
                      "AND f.fee_ocur_date >= idle.adm AND f.fee_ocur_date < idle.adm + idle.days " +
                      "AND NOT EXISTS (SELECT 1 FROM t WHERE t.enc = idle.id AND t.dt = f.fee_ocur_date) GROUP BY idle.id";
                break;
            case ReviewRuleType.SplitAdmission:
            {
                // 分解住院: a 住院 in scope with a main diagnosis, admitted 0..readmission_days days after the discharge of an earlier 住院 of the
                // same person in the period (any scope; the same institution unless same_institution is false) whose main diagnosis agrees on
                // the first diagnosis_prefix_length characters (case-insensitive; a shorter code must have the same length). All its lines.
                ps.Add(new("days", NpgsqlDbType.Integer) { Value = p.ReadmissionDays ?? 0 });
                ps.Add(new("plen", NpgsqlDbType.Integer) { Value = p.DiagnosisPrefixLength ?? 3 });
                var sameInstitution = (p.SameInstitution ?? true) ? " AND a.institution_id = c.institution_id" : "";
                sql = $"WITH s AS (SELECT e.id, e.person_id, e.institution_id, e.begin_date AS adm, {Discharge} AS dis, {MainDiagnosis} AS diag, ({scope}) AS in_scope " +
                      "FROM" + Encounters + "WHERE e.begin_date >= @pfrom AND e.begin_date <= @pto AND e.status <> 3 AND e.med_type = 21), " +
                      "c AS (SELECT c.id FROM s c WHERE c.in_scope AND c.diag IS NOT NULL AND EXISTS (SELECT 1 FROM s a WHERE a.person_id = c.person_id AND a.diag IS NOT NULL " +
                      "AND (a.adm, a.dis, a.id) < (c.adm, c.dis, c.id) AND c.adm - a.dis BETWEEN 0 AND @days" + sameInstitution +
                      " AND least(@plen, length(a.diag), length(c.diag)) > 0 " +
                      "AND upper(left(a.diag, least(@plen, length(a.diag), length(c.diag)))) = upper(left(c.diag, least(@plen, length(a.diag), length(c.diag)))) " +
                      "AND NOT (least(length(a.diag), length(c.diag)) < @plen AND length(a.diag) <> length(c.diag)))) " +
                      "SELECT coalesce(array_agg(f.id) FILTER (WHERE f.id IS NOT NULL), '{}'::bigint[]), coalesce(sum(f.det_item_fee_sumamt), 0) " +
                      "FROM c LEFT JOIN fee_details f ON f.encounter_id = c.id AND NOT f.cancelled GROUP BY c.id";
                break;
            }

            case ReviewRuleType.SimultaneousEncounters:
                // 同一时间两地: an encounter in scope that overlaps a 住院 of ≥ 2 days of the same person at another institution; its lines dated
                // strictly inside such a 住院 (admission < date < discharge). One flag per encounter.
                sql = $"WITH s AS (SELECT e.id, e.person_id, e.institution_id, e.med_type, e.begin_date AS adm, {Discharge} AS dis, ({scope}) AS in_scope " +
                      "FROM" + Encounters + "WHERE e.begin_date >= @pfrom AND e.begin_date <= @pto AND e.status <> 3), " +
                      "stay AS (SELECT * FROM s WHERE med_type = 21 AND dis - adm >= 2), " +
                      "o AS (SELECT o.id, o.person_id, o.institution_id FROM s o WHERE o.in_scope AND EXISTS (SELECT 1 FROM stay a WHERE a.person_id = o.person_id " +
                      "AND a.id <> o.id AND a.institution_id <> o.institution_id AND o.adm < a.dis AND o.dis > a.adm)) " +
                      "SELECT array_agg(f.id), sum(f.det_item_fee_sumamt) FROM o JOIN fee_details f ON f.encounter_id = o.id AND NOT f.cancelled " +
                      "WHERE EXISTS (SELECT 1 FROM stay a WHERE a.person_id = o.person_id AND a.id <> o.id AND a.institution_id <> o.institution_id " +
                      "AND f.fee_ocur_date > a.adm AND f.fee_ocur_date < a.dis) GROUP BY o.id";
                break;
            case ReviewRuleType.AfterDeath:
                // 死亡: the earliest end of an enrollment terminated by death; lines dated after it, one flag per encounter.
                sql = "WITH death AS (SELECT en.person_id, min(en.enddate) AS d FROM enrollments en WHERE en.termination_reason = 1 AND en.enddate IS NOT NULL GROUP BY en.person_id) " +
                      "SELECT array_agg(f.id), sum(f.det_item_fee_sumamt) FROM fee_details f JOIN" + Encounters + "ON e.id = f.encounter_id " +
                      "JOIN death ON death.person_id = e.person_id WHERE " + scope + " AND NOT f.cancelled AND f.fee_ocur_date > death.d GROUP BY f.encounter_id";
                break;
            case ReviewRuleType.OutsideCoverage:
                // 参保期: lines dated outside every enrollment period of the person (any 险种; an open period never ends), one flag per encounter.
                sql = "SELECT array_agg(f.id), sum(f.det_item_fee_sumamt) FROM fee_details f JOIN" + Encounters + "ON e.id = f.encounter_id WHERE " + scope +
                      " AND NOT f.cancelled AND NOT EXISTS (SELECT 1 FROM enrollments en WHERE en.person_id = e.person_id AND f.fee_ocur_date >= en.begndate " +
                      "AND (en.enddate IS NULL OR f.fee_ocur_date <= en.enddate)) GROUP BY f.encounter_id";
                break;
            default:
                throw new NotSupportedException(r.Type.ToString());
        }

        return (sql, [.. ps]);
    }

    /// <summary>
    /// Sums of a measure over a window per person: 当次/单日/自然月/自然年 group the lines (flag = the group's lines when the sum exceeds
    /// the limit); N 天 is a rolling window ending on each charge day (flag = that day's lines when the window exceeds the limit).
    /// </summary>
    private static string Window(ReviewRule r, string ruleLines, List<NpgsqlParameter> ps, ReviewWindow window, string measure, decimal limit)
    {
        ps.Add(new("limit", NpgsqlDbType.Numeric) { Value = decimal.Round(limit, 3, MidpointRounding.AwayFromZero) });
        var lines = $"WITH l AS (SELECT e.person_id AS person, e.id AS enc, f.id, f.fee_ocur_date AS dt, {measure} AS m, f.det_item_fee_sumamt AS amt" + ruleLines + ") ";
        if (window == ReviewWindow.Days)
        {
            var preceding = Math.Max(0, (r.WindowDays ?? 1) - 1).ToString(Inv);
            return lines +
                   ", d AS (SELECT person, dt - DATE '2000-01-01' AS dn, array_agg(id) AS ids, sum(m) AS day, sum(amt) AS total FROM l GROUP BY person, dt), " +
                   $"w AS (SELECT d.*, sum(day) OVER (PARTITION BY person ORDER BY dn RANGE BETWEEN {preceding} PRECEDING AND CURRENT ROW) AS win FROM d) " +
                   "SELECT ids, " + Share("total", "least(day, win - @limit)", "day") + " FROM w WHERE win > @limit AND day > 0";
        }

        var key = window switch
        {
            ReviewWindow.Encounter => "enc",
            ReviewWindow.Day => "dt",
            ReviewWindow.Month => "date_trunc('month', dt)",
            ReviewWindow.Year => "extract(year FROM dt)",
            ReviewWindow.Days => throw new InvalidOperationException(),
            _ => throw new NotSupportedException(window.ToString()),
        };
        return lines + "SELECT array_agg(id), " + Share("sum(amt)", "sum(m) - @limit", "sum(m)") + $" FROM l GROUP BY person, {key} HAVING sum(m) > @limit";
    }

    /// <summary>The encounter predicate of a rule: admission within the period and the rule's effective dates, not cancelled, in scope.</summary>
    private static string Scope(ReviewRule r, List<NpgsqlParameter> ps)
    {
        var where = new StringBuilder("e.begin_date >= @from AND e.begin_date <= @to AND e.status <> 3");
        var s = r.Scope ?? new ReviewScope();
        if (s.Insutypes.Count > 0)
        {
            ps.Add(new("scope_insutypes", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = s.Insutypes.ToArray() });
            where.Append(" AND e.insutype = ANY(@scope_insutypes)");
        }

        if (s.VisitTypes.Count > 0)
        {
            ps.Add(new("scope_visits", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = s.VisitTypes.Select(v => (int)v).ToArray() });
            where.Append(" AND e.med_type = ANY(@scope_visits)");
        }

        if (s.InstitutionLevels.Count > 0)
        {
            ps.Add(new("scope_levels", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = s.InstitutionLevels.ToArray() });
            where.Append(" AND i.level = ANY(@scope_levels)");
        }

        if (s.InstitutionTypes.Count > 0)
        {
            ps.Add(new("scope_types", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = s.InstitutionTypes.Select(v => (int)v).ToArray() });
            where.Append(" AND i.type = ANY(@scope_types)");
        }

        return where.ToString();
    }

    /// <summary>Runs one rule's statement and returns its flags.</summary>
    public static async Task<List<BaselineFlag>> RunAsync(NpgsqlConnection conn, ReviewRule rule, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(conn);
        var (sql, parameters) = Sql(rule, from, to);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
        cmd.Parameters.AddRange(parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var single = reader.GetFieldType(0) == typeof(long);
        var flags = new List<BaselineFlag>();
        while (await reader.ReadAsync(ct))
        {
            flags.Add(new BaselineFlag(single ? [reader.GetInt64(0)] : reader.GetFieldValue<long[]>(0), reader.GetDecimal(1)));
        }

        return flags;
    }

    /// <summary>The engine's flags of each rule with their lines mapped to stored fee-line ids.</summary>
    public static Dictionary<string, List<BaselineFlag>> FromEngine(IEnumerable<ReviewFlag> flags, IReadOnlyList<long> lineIds)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(lineIds);
        var byRule = new Dictionary<string, List<BaselineFlag>>(StringComparer.Ordinal);
        foreach (var f in flags)
        {
            if (!byRule.TryGetValue(f.RuleId, out var list))
            {
                byRule[f.RuleId] = list = [];
            }

            list.Add(new BaselineFlag([.. f.Lines.Select(l => lineIds[l])], f.Amount));
        }

        return byRule;
    }

    /// <summary>
    /// Compares two sides flag by flag (each flag = its set of line ids and its amount, exactly): null when equal, else a Chinese
    /// description with the counts, the amounts and the first flag only one side has.
    /// </summary>
    public static string? Compare(IReadOnlyList<BaselineFlag>? engine, IReadOnlyList<BaselineFlag>? sql)
    {
        var a = Keys(engine ?? []);
        var b = Keys(sql ?? []);
        if (a.SequenceEqual(b, StringComparer.Ordinal))
        {
            return null;
        }

        var onlyEngine = a.Except(b, StringComparer.Ordinal).FirstOrDefault();
        var onlySql = b.Except(a, StringComparer.Ordinal).FirstOrDefault();
        return string.Create(Inv, $"引擎 {a.Count} 个 {(engine ?? []).Sum(f => f.Amount):0.00} 元，SQL {b.Count} 个 {(sql ?? []).Sum(f => f.Amount):0.00} 元")
               + (onlyEngine is null ? "" : "；仅引擎有 [" + onlyEngine + "]") + (onlySql is null ? "" : "；仅 SQL 有 [" + onlySql + "]");
    }

    private static List<string> Keys(IReadOnlyList<BaselineFlag> flags)
    {
        var keys = new List<string>(flags.Count);
        foreach (var f in flags)
        {
            var ids = (long[])f.Ids.Clone();
            Array.Sort(ids);
            keys.Add(f.Amount.ToString("0.00", Inv) + " 元：明细 " + string.Join(',', ids));
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
