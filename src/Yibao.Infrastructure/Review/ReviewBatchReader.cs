using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Yibao.Application.Review;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Infrastructure.Review;

/// <summary>
/// Reads a period's encounters and fee lines straight into <see cref="ReviewBatchBuilder"/> columns: four statements
/// (enrollments, persons, encounters, lines), no entities, no change tracking. An open 住院 (no 出院日期) ends on its last fee
/// date. Item codes map to the ids of <c>items</c> (the codes the rules name); a code the table does not know becomes
/// <see cref="CodeTable.Unknown"/> (no rule matches it), so no string is made per fee line.
/// <para>
/// SQLite: plain ADO.NET readers. PostgreSQL (<see cref="PgReviewLines"/>): encounters and fee lines come as binary COPY of
/// narrow int columns (codes mapped to ids by a join in the server, money and quantities scaled to integers, dates as day
/// numbers), parsed without per-row allocation, the fee lines in <see cref="Streams"/> parallel streams over block ranges.
/// </para>
/// </summary>
public sealed class ReviewBatchReader(AppDbContext db) : IReviewBatchReader
{
    /// <summary>Parallel COPY streams for the fee lines on PostgreSQL (outside a transaction; 1 inside one).</summary>
    public int Streams { get; set; } = 2;

    /// <summary>A stream is worth its connection from this many 8 KB table blocks of fee_details on (2048 = 16 MB).</summary>
    public int MinBlocksPerStream { get; set; } = 2048;

    /// <summary>COPY streams the last read used (0: the plain reader path).</summary>
    public int StreamsUsed { get; private set; }

    private const string EncounterFilter = "e.begin_date >= @from AND e.begin_date <= @to AND e.status <> 3";

    public async Task<ReviewBatchData> ReadAsync(DateOnly fromDate, DateOnly toDate, CodeTable items, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var (from, to) = (fromDate, toDate);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var conn = db.Database.GetDbConnection();
            var personFilter = $"SELECT e.person_id FROM medical_encounters e WHERE {EncounterFilter}";

            // 参保期 and 死亡 per person.
            var coverage = new Dictionary<long, List<(DateOnly, DateOnly)>>();
            var death = new Dictionary<long, DateOnly>();
            await using (var cmd = Command(conn, $"SELECT en.person_id, en.begndate, en.enddate, en.termination_reason FROM enrollments en WHERE en.person_id IN ({personFilter})", from, to))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var pid = r.GetInt64(0);
                    var begin = r.GetFieldValue<DateOnly>(1);
                    DateOnly? end = r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2);
                    if (!coverage.TryGetValue(pid, out var list))
                    {
                        coverage[pid] = list = [];
                    }

                    list.Add((begin, end ?? DateOnly.MaxValue));
                    if (!r.IsDBNull(3) && r.GetInt32(3) == (int)Domain.Registry.TerminationReason.Death && end is { } d
                        && (!death.TryGetValue(pid, out var known) || d < known))
                    {
                        death[pid] = d;
                    }
                }
            }

            var builder = new ReviewBatchBuilder(items, lineCapacity: 1 << 16, encounterCapacity: 1 << 12, personCapacity: 1 << 10);
            var personIndex = new Dictionary<long, int>();
            var personIds = new List<long>();
            await using (var cmd = Command(conn, $"SELECT p.id, p.gender, p.birth_date FROM persons p WHERE p.id IN ({personFilter})", from, to))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var pid = r.GetInt64(0);
                    var cov = coverage.TryGetValue(pid, out var c) ? c.ToArray() : [];
                    personIndex[pid] = builder.AddPerson((Gender)r.GetInt32(1), r.GetFieldValue<DateOnly>(2), death.TryGetValue(pid, out var d) ? d : null, cov);
                    personIds.Add(pid);
                }
            }

            if (conn is NpgsqlConnection pg)
            {
                var pgData = await PgReviewLines.ReadAsync(pg, db.Database.GetConnectionString(), db.Database.CurrentTransaction is null ? Streams : 1, MinBlocksPerStream,
                    from, to, items, builder, personIndex, ct);
                StreamsUsed = pgData.Streams;
                return new ReviewBatchData(builder.Build(), [.. personIds], pgData.EncounterIds, pgData.Insutypes, pgData.LineIds);
            }

            var encounterIndex = new Dictionary<long, int>();
            var encounterIds = new List<long>();
            var insutypes = new List<string>();
            var interned = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var cmd = Command(conn,
                "SELECT e.id, e.person_id, e.institution_id, i.level, i.type, e.med_type, e.insutype, e.begin_date, " +
                "CASE WHEN e.endtime IS NULL AND e.med_type = 21 THEN (SELECT MAX(f.fee_ocur_date) FROM fee_details f WHERE f.encounter_id = e.id) ELSE e.endtime END, " +
                "e.dscg_maindiag_code, e.dise_codg FROM medical_encounters e JOIN institutions i ON i.id = e.institution_id WHERE " + EncounterFilter, from, to))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var eid = r.GetInt64(0);
                    if (!personIndex.TryGetValue(r.GetInt64(1), out var person))
                    {
                        continue;
                    }

                    var insutype = r.GetString(6);
                    if (!interned.TryGetValue(insutype, out var it))
                    {
                        interned[insutype] = it = insutype;
                    }

                    var begin = r.GetFieldValue<DateOnly>(7);
                    var end = r.IsDBNull(8) ? begin : r.GetFieldValue<DateOnly>(8);
                    var diag = (!r.IsDBNull(9) ? r.GetString(9) : !r.IsDBNull(10) ? r.GetString(10) : "")
                        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    encounterIndex[eid] = builder.AddEncounter(person, checked((int)r.GetInt64(2)), (InstitutionLevel)r.GetInt32(3), (InstitutionType)r.GetInt32(4),
                        (VisitType)r.GetInt32(5), it, begin, end < begin ? begin : end, diag);
                    encounterIds.Add(eid);
                    insutypes.Add(it);
                }
            }

            var lineIds = new List<long>(1 << 16);
            var codeIds = new Dictionary<string, int>(StringComparer.Ordinal);
            await using (var cmd = Command(conn,
                "SELECT f.id, f.encounter_id, f.med_list_codg, f.cnt, f.pric, f.det_item_fee_sumamt, f.fee_ocur_date, COALESCE(f.medc_days, 0) FROM fee_details f " +
                "JOIN medical_encounters e ON e.id = f.encounter_id WHERE " + EncounterFilter + " AND NOT f.cancelled", from, to))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                long lastEnc = -1;
                var enc = -1;
                while (await r.ReadAsync(ct))
                {
                    var eid = r.GetInt64(1);
                    if (eid != lastEnc)
                    {
                        if (!encounterIndex.TryGetValue(eid, out enc))
                        {
                            enc = -1;
                        }

                        lastEnc = eid;
                    }

                    if (enc < 0)
                    {
                        continue;
                    }

                    var code = r.GetString(2);
                    if (!codeIds.TryGetValue(code, out var item))
                    {
                        var known = items.Find(code);
                        codeIds[code] = item = known < 0 ? CodeTable.Unknown : known;
                    }

                    builder.AddLine(enc, item, r.GetFieldValue<DateOnly>(6).DayNumber,
                        (long)decimal.Round(r.GetDecimal(3) * 1000m, MidpointRounding.AwayFromZero),
                        (long)decimal.Round(r.GetDecimal(4) * 10000m, MidpointRounding.AwayFromZero),
                        (long)decimal.Round(r.GetDecimal(5) * 100m, MidpointRounding.AwayFromZero), r.GetInt32(7));
                    lineIds.Add(r.GetInt64(0));
                }
            }

            return new ReviewBatchData(builder.Build(), [.. personIds], [.. encounterIds], [.. insutypes], [.. lineIds]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private DbCommand Command(DbConnection conn, string sql, DateOnly from, DateOnly to)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var p1 = cmd.CreateParameter();
        p1.ParameterName = "@from";
        p1.Value = from;
        cmd.Parameters.Add(p1);
        var p2 = cmd.CreateParameter();
        p2.ParameterName = "@to";
        p2.Value = to;
        cmd.Parameters.Add(p2);
        return cmd;
    }
}
