using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Yibao.Application.Common;
using Yibao.Application.Review;
using Yibao.Domain.Admin;
using Yibao.Domain.Review;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Infrastructure.Review;

/// <summary>
/// Bulk insert of a run's flags inside the context's current transaction: binary COPY on PostgreSQL (<see cref="PgCopyWriter"/>), one prepared INSERT on
/// SQLite; one audit entry describes the load (DESIGN §7: bulk paths write a summarising audit entry).
/// </summary>
public sealed class ReviewFlagWriter(AppDbContext db, TimeProvider clock, ICurrentUser currentUser) : IReviewFlagWriter
{
    private static readonly string[] Columns = ["run_id", "rule_code", "rule_name", "rule_type", "result", "institution_id", "person_id", "encounter_id", "insutype",
        "fee_date", "line_ids", "line_count", "amount", "parameter", "reason", "status", "decision_reason", "decided_by", "decided_at", "journal_entry_id"];

    public async Task WriteAsync(IReadOnlyList<ReviewFlagRecord> flags, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("疑点批量写入必须在事务中进行");
        var conn = db.Database.GetDbConnection();
        if (conn is NpgsqlConnection pg)
        {
            // Raw binary COPY written here (Npgsql's importer costs about 0.75 µs per field, 15 µs per flag, measured).
            await using var raw = await pg.BeginRawBinaryCopyAsync($"COPY review_flags ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)", ct);
            PgReviewLines.Patient(raw);
            var w = new PgCopyWriter(raw);
            foreach (var f in flags)
            {
                w.StartRow(Columns.Length);
                w.Int8(f.RunId);
                w.Text(f.RuleCode);
                w.Text(f.RuleName);
                w.Int4((int)f.RuleType);
                w.Int4((int)f.Result);
                w.Int8(f.InstitutionId);
                w.Int8(f.PersonId);
                w.Int8(f.EncounterId);
                w.Text(f.Insutype);
                w.Date(f.FeeDate);
                w.Text(f.LineIds);
                w.Int4(f.LineCount);
                w.Numeric(f.Amount);
                w.Text(f.Parameter);
                w.Text(f.Reason);
                w.Int4((int)f.Status);
                w.Text(f.DecisionReason);
                w.Text(f.DecidedBy);
                if (f.DecidedAt is { } at)
                {
                    w.TimestampTz(DateTime.SpecifyKind(at, DateTimeKind.Utc));
                }
                else
                {
                    w.Null();
                }

                if (f.JournalEntryId is { } je)
                {
                    w.Int8(je);
                }
                else
                {
                    w.Null();
                }
            }

            await w.CompleteAsync(ct);
        }
        else
        {
            await using var cmd = (SqliteCommand)conn.CreateCommand();
            cmd.Transaction = (SqliteTransaction)tx.GetDbTransaction();
            cmd.CommandText = $"INSERT INTO review_flags ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            var p = new SqliteParameter[Columns.Length];
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = cmd.CreateParameter();
                p[i].ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
                cmd.Parameters.Add(p[i]);
            }

            cmd.Prepare();
            foreach (var f in flags)
            {
                p[0].Value = f.RunId;
                p[1].Value = f.RuleCode;
                p[2].Value = f.RuleName;
                p[3].Value = (int)f.RuleType;
                p[4].Value = (int)f.Result;
                p[5].Value = f.InstitutionId;
                p[6].Value = f.PersonId;
                p[7].Value = f.EncounterId;
                p[8].Value = f.Insutype;
                p[9].Value = f.FeeDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p[10].Value = f.LineIds;
                p[11].Value = f.LineCount;
                p[12].Value = f.Amount.ToString("0.0###########################", CultureInfo.InvariantCulture);
                p[13].Value = f.Parameter;
                p[14].Value = f.Reason;
                p[15].Value = (int)f.Status;
                p[16].Value = (object?)f.DecisionReason ?? DBNull.Value;
                p[17].Value = (object?)f.DecidedBy ?? DBNull.Value;
                p[18].Value = f.DecidedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : DBNull.Value;
                p[19].Value = (object?)f.JournalEntryId ?? DBNull.Value;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        var runId = flags.Count > 0 ? flags[0].RunId : 0;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = currentUser.UserId,
            UserName = currentUser.UserName,
            Action = AuditActions.Added,
            Entity = nameof(ReviewFlagRecord),
            EntityKey = "run-" + runId.ToString(CultureInfo.InvariantCulture),
            After = JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["说明"] = "事后审核批量写入疑点",
                ["疑点数"] = flags.Count,
                ["明确（自动扣款）"] = flags.Count(f => f.Status == ReviewFlagStatus.Accepted),
                ["疑点金额"] = flags.Sum(f => f.Amount),
            }),
        });
        await db.SaveChangesAsync(ct);
    }
}
