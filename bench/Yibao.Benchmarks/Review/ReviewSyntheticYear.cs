using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Review;

namespace Yibao.Benchmarks.Review;

/// <summary>Shape of <see cref="ReviewSyntheticYear"/>: the defaults are the benchmark's year; tests use a denser one so every rule type hits.</summary>
public sealed record SyntheticYearOptions
{
    /// <summary>Designated institutions (levels k % 4; types by k: hospital, primary care, village clinic, pharmacy).</summary>
    public int Institutions { get; init; } = 60;

    /// <summary>Percentage of non-bed lines that use an item the rules name.</summary>
    public int RuleLinePercent { get; init; } = 8;

    /// <summary>Distinct main diagnoses used (1–10).</summary>
    public int Diagnoses { get; init; } = 10;

    /// <summary>Visits per person: 1 .. this.</summary>
    public int MaxVisits { get; init; } = 6;

    /// <summary>One person in this many dies during the year.</summary>
    public int DeathOneIn { get; init; } = 500;

    /// <summary>One person in this many is covered only 2025-01-01 – 2025-06-30.</summary>
    public int ShortCoverageOneIn { get; init; } = 200;

    /// <summary>Days of the year admissions fall in (from 1 January).</summary>
    public int AdmissionDays { get; init; } = 360;

    /// <summary>Fee lines per 住院 day on average (one of them the bed fee); fewer leave days without treatment (挂床).</summary>
    public int InpatientLinesPerDay { get; init; } = 8;

    /// <summary>
    /// Stored-data variety for tests (derived from ids, so the random sequence is unchanged): every 53rd fee line cancelled, every 41st
    /// encounter cancelled, every 5th 住院 still open (no 出院日期), every 7th diagnosis list in lower case with a leading space and a
    /// second diagnosis, every 13th encounter with a 出院主诊断 that overrides it.
    /// </summary>
    public bool Variety { get; init; }
}

/// <summary>
/// A synthetic 2025 for the review benchmark and the SQL-baseline tests, written straight into a migrated PostgreSQL database with
/// binary COPY: institutions, persons (some die, some are covered half a year), one 390 enrollment each, encounters (85 % 普通门诊,
/// 5 % 门诊慢特病, 10 % 住院 of 2–20 days with a bed fee per day) and fee lines, about 8 % of them of the items the rules name;
/// metformin lines carry 用药天数 7–30. Deterministic for given options.
/// </summary>
public static class ReviewSyntheticYear
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Metformin (the sample 超量开药 rule's item): its lines get days of supply.</summary>
    public const string Metformin = "XA10BAA015A001010100004";

    /// <summary>
    /// Writes about <paramref name="lines"/> fee lines (same shape as ReviewYearGenerator) with ids from 1 into an empty
    /// database; the items named by <paramref name="rules"/> are the rule items; returns the fee lines written.
    /// </summary>
    public static async Task<long> LoadAsync(string connection, int lines, ReviewRuleSet rules, SyntheticYearOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var o = options ?? new SyntheticYearOptions();
        var catalog = DemoCatalogGenerator.Generate();
        var ruleCodes = rules.Rules.SelectMany(r => r.Parameters.Items.Concat(r.Parameters.OtherItems).Concat(r.Parameters.CompanionItems)).Distinct(StringComparer.Ordinal).ToArray();
        var codes = catalog.Select(i => i.Code).ToArray();
        var caps = catalog.Select(i => i.PriceCap ?? 0m).ToArray();
        string[] diagnoses = ["I10.x00", "E11.900", "J18.900", "C34.900", "C18.900", "N18.500", "I21.900", "K35.900", "H25.900", "J06.900"];
        string[] insutypes = ["390", "390", "390", "310"];
        ulong state = 20250601;
        int Next(int n)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (int)((state >> 33) % (ulong)n);
        }

        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using (var w = await conn.BeginBinaryImportAsync("COPY institutions (id, fixmedins_code, fixmedins_name, type, level, status, pool_area_code) FROM STDIN (FORMAT BINARY)"))
        {
            for (var k = 0; k < o.Institutions; k++)
            {
                await w.StartRowAsync();
                w.Write((long)(k + 1), NpgsqlDbType.Bigint);
                w.Write("HB" + (k + 1).ToString("D10", Inv), NpgsqlDbType.Varchar);
                w.Write("基准测试机构" + (k + 1).ToString(Inv), NpgsqlDbType.Varchar);
                w.Write(k < 10 ? 1 : k < 30 ? 2 : k < 50 ? 3 : 4, NpgsqlDbType.Integer);
                w.Write(k % 4, NpgsqlDbType.Integer);
                w.Write(1, NpgsqlDbType.Integer);
                w.Write("130123", NpgsqlDbType.Varchar);
            }

            await w.CompleteAsync();
        }

        var jan1 = new DateOnly(2025, 1, 1).DayNumber;
        long count = 0, encId = 0, lineId = 0;
        var persons = lines / 60 + 1;
        // Persons first (COPY streams cannot interleave on one connection).
        var pw = await conn.BeginBinaryImportAsync("COPY persons (id, person_no, certno, name, gender, birth_date, pool_area_code) FROM STDIN (FORMAT BINARY)");
        var pGender = new int[persons];
        var pBirth = new DateOnly[persons];
        var pDeath = new DateOnly?[persons];
        var pShort = new bool[persons];
        for (var p = 0; p < persons; p++)
        {
            pBirth[p] = DateOnly.FromDayNumber(jan1 - 365 * (1 + Next(90)) - Next(365));
            pDeath[p] = Next(o.DeathOneIn) == 0 ? DateOnly.FromDayNumber(jan1 + Next(365)) : null;
            pShort[p] = Next(o.ShortCoverageOneIn) == 0;
            pGender[p] = 1 + Next(2);
            await pw.StartRowAsync();
            pw.Write((long)(p + 1), NpgsqlDbType.Bigint);
            pw.Write("B" + (p + 1).ToString("D15", Inv), NpgsqlDbType.Varchar);
            pw.Write("B" + (p + 1).ToString("D17", Inv), NpgsqlDbType.Varchar);
            pw.Write("基准" + (p + 1).ToString(Inv), NpgsqlDbType.Varchar);
            pw.Write(pGender[p], NpgsqlDbType.Integer);
            pw.Write(pBirth[p], NpgsqlDbType.Date);
            pw.Write("130123", NpgsqlDbType.Varchar);
        }

        await pw.CompleteAsync();
        await pw.DisposeAsync();
        await using (var ew = await conn.BeginBinaryImportAsync("COPY enrollments (id, person_id, insutype, psn_type, begndate, enddate, psn_insu_stas, termination_reason, carried_contribution_months, insuplc_admdvs) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < persons; p++)
            {
                await ew.StartRowAsync();
                ew.Write((long)(p + 1), NpgsqlDbType.Bigint);
                ew.Write((long)(p + 1), NpgsqlDbType.Bigint);
                ew.Write(390, NpgsqlDbType.Integer);
                ew.Write(22, NpgsqlDbType.Integer);
                ew.Write(pShort[p] ? new DateOnly(2025, 1, 1) : new DateOnly(2024, 1, 1), NpgsqlDbType.Date);
                var end = pDeath[p] ?? (pShort[p] ? new DateOnly(2025, 6, 30) : (DateOnly?)null);
                if (end is { } e)
                {
                    ew.Write(e, NpgsqlDbType.Date);
                }
                else
                {
                    ew.WriteNull();
                }

                ew.Write(end is null ? 1 : 3, NpgsqlDbType.Integer);
                if (pDeath[p] is not null)
                {
                    ew.Write(1, NpgsqlDbType.Integer);
                }
                else
                {
                    ew.WriteNull();
                }

                ew.Write(0, NpgsqlDbType.Integer);
                ew.Write("130123", NpgsqlDbType.Varchar);
            }

            await ew.CompleteAsync();
        }

        // Encounters and lines: encounters are buffered per chunk of persons, then their lines, so two COPY streams never overlap.
        var created = DateTime.UtcNow;
        var encRows = new List<(long Id, long Person, long Inst, int Visit, string Insutype, DateOnly Begin, DateOnly? End, string Diag)>();
        var lineRows = new List<(long Id, long Enc, string Code, decimal Cnt, decimal Pric, decimal Amount, DateOnly Date, int? Supply)>();
        for (var p = 0; p < persons && count < lines; p++)
        {
            var visits = 1 + Next(o.MaxVisits);
            for (var v = 0; v < visits && count < lines; v++)
            {
                var roll = Next(100);
                var visit = roll < 85 ? VisitType.GeneralOutpatient : roll < 90 ? VisitType.ChronicOutpatient : VisitType.Inpatient;
                var inst = Next(o.Institutions) + 1;
                var admission = jan1 + Next(o.AdmissionDays);
                var stay = visit == VisitType.Inpatient ? 2 + Next(19) : 0;
                var id = ++encId;
                encRows.Add((id, p + 1, inst, (int)visit, insutypes[Next(insutypes.Length)], DateOnly.FromDayNumber(admission),
                    visit == VisitType.Inpatient ? DateOnly.FromDayNumber(admission + stay) : null, diagnoses[Next(Math.Clamp(o.Diagnoses, 1, diagnoses.Length))]));
                var n = visit == VisitType.Inpatient ? stay * o.InpatientLinesPerDay : 3 + Next(23);
                if (visit == VisitType.Inpatient)
                {
                    for (var d = 0; d < stay && count < lines; d++, count++)
                    {
                        lineRows.Add((++lineId, id, "001102000010000", 1m, 30m, 30m, DateOnly.FromDayNumber(admission + d), null));
                    }

                    n -= stay;
                }

                for (var k = 0; k < n && count < lines; k++, count++)
                {
                    var fromRules = Next(100) < o.RuleLinePercent;
                    var ci = fromRules ? -1 : Next(codes.Length);
                    var code = fromRules ? ruleCodes[Next(ruleCodes.Length)] : codes[ci];
                    var qty = 1 + Next(3);
                    var cap = ci >= 0 ? caps[ci] : 0m;
                    var priceFen = cap > 0m ? (long)(cap * 100m) - Next(3) + (Next(50) == 0 ? 100 : 0) : 50 + Next(20000);
                    var day = admission + (stay == 0 ? 0 : Next(stay));
                    lineRows.Add((++lineId, id, code, qty, priceFen / 100m, priceFen * qty / 100m, DateOnly.FromDayNumber(day),
                        code == Metformin ? 7 + (int)(lineId % 24) : null));
                }
            }

            if (lineRows.Count >= 500_000 || p == persons - 1 || count >= lines)
            {
                await FlushAsync(conn, encRows, lineRows, created, o.Variety);
            }
        }

        await FlushAsync(conn, encRows, lineRows, created, o.Variety);
        await using (var analyze = new NpgsqlCommand("ANALYZE", conn))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return count;
    }

    private static async Task FlushAsync(NpgsqlConnection conn, List<(long Id, long Person, long Inst, int Visit, string Insutype, DateOnly Begin, DateOnly? End, string Diag)> encs,
        List<(long Id, long Enc, string Code, decimal Cnt, decimal Pric, decimal Amount, DateOnly Date, int? Supply)> lines, DateTime created, bool variety)
    {
        if (encs.Count > 0)
        {
            await using var w = await conn.BeginBinaryImportAsync("COPY medical_encounters (id, mdtrt_id, institution_id, person_id, psn_no, insutype, med_type, begin_date, endtime, dise_codg, dscg_maindiag_code, insuplc_admdvs, status, created_at) FROM STDIN (FORMAT BINARY)");
            foreach (var e in encs)
            {
                await w.StartRowAsync();
                w.Write(e.Id, NpgsqlDbType.Bigint);
                w.Write("MB" + e.Id.ToString("D14", Inv), NpgsqlDbType.Varchar);
                w.Write(e.Inst, NpgsqlDbType.Bigint);
                w.Write(e.Person, NpgsqlDbType.Bigint);
                w.Write("B" + e.Person.ToString("D15", Inv), NpgsqlDbType.Varchar);
                w.Write(e.Insutype, NpgsqlDbType.Varchar);
                w.Write(e.Visit, NpgsqlDbType.Integer);
                w.Write(e.Begin, NpgsqlDbType.Date);
                if (e.End is { } end && !(variety && e.Id % 5 == 0))
                {
                    w.Write(end, NpgsqlDbType.Date);
                }
                else
                {
                    w.WriteNull();
                }

                w.Write(variety && e.Id % 7 == 0 ? " " + e.Diag.ToLowerInvariant() + ";I10.x00" : e.Diag, NpgsqlDbType.Varchar);
                if (variety && e.Id % 13 == 0)
                {
                    w.Write("K35.900", NpgsqlDbType.Varchar);
                }
                else
                {
                    w.WriteNull();
                }

                w.Write("130123", NpgsqlDbType.Varchar);
                w.Write(variety && e.Id % 41 == 0 ? 3 : 2, NpgsqlDbType.Integer);
                w.Write(created, NpgsqlDbType.TimestampTz);
            }

            await w.CompleteAsync();
            encs.Clear();
        }

        if (lines.Count > 0)
        {
            await using var w = await conn.BeginBinaryImportAsync("COPY fee_details (id, encounter_id, feedetl_sn, med_list_codg, cnt, pric, det_item_fee_sumamt, fee_ocur_date, cancelled, medc_days) FROM STDIN (FORMAT BINARY)");
            foreach (var l in lines)
            {
                await w.StartRowAsync();
                w.Write(l.Id, NpgsqlDbType.Bigint);
                w.Write(l.Enc, NpgsqlDbType.Bigint);
                w.Write(l.Id.ToString(Inv), NpgsqlDbType.Varchar);
                w.Write(l.Code, NpgsqlDbType.Varchar);
                w.Write(l.Cnt, NpgsqlDbType.Numeric);
                w.Write(l.Pric, NpgsqlDbType.Numeric);
                w.Write(l.Amount, NpgsqlDbType.Numeric);
                w.Write(l.Date, NpgsqlDbType.Date);
                w.Write(variety && l.Id % 53 == 0, NpgsqlDbType.Boolean);
                if (l.Supply is { } supply)
                {
                    w.Write(supply, NpgsqlDbType.Integer);
                }
                else
                {
                    w.WriteNull();
                }
            }

            await w.CompleteAsync();
            lines.Clear();
        }
    }
}
