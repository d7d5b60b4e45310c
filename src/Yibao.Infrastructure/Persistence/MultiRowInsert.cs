using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL: rows of one entity type added together in a save (the 20–1000 fee lines of a 2204/2301 upload) are written
/// by one multi-row <c>INSERT … VALUES (…), (…) RETURNING id</c> instead of one INSERT statement per row, which EF Core
/// sends (npgsql/efcore.pg#113). The rows then take their generated ids and are tracked as saved; the rest of the save
/// and the audit trail are unchanged (the audit reads the rows after this, with their ids).
/// </summary>
internal static class MultiRowInsert
{
    /// <summary>Entity types written this way: many rows per save, nothing else in the save refers to their ids.</summary>
    private static readonly HashSet<Type> Types = [typeof(FeeDetail)];

    private const int MinRows = 2;

    /// <summary>Rows per statement, well inside PostgreSQL's 65,535 parameters per statement.</summary>
    private const int MaxRowsPerStatement = 1000;

    /// <summary>Inserts the qualifying added rows of <paramref name="pending"/>; returns how many rows were written.</summary>
    public static async Task<int> RunAsync(AppDbContext db, List<AuditRecorder.Pending> pending, bool sync, CancellationToken ct)
    {
        var written = 0;
        foreach (var group in pending.Where(p => p.IsAdded && Types.Contains(p.ClrType)).GroupBy(p => p.ClrType))
        {
            var rows = group.Select(p => p.Entry).ToList();
            if (rows.Count < MinRows)
            {
                continue;
            }

            foreach (var chunk in rows.Chunk(MaxRowsPerStatement))
            {
                written += await InsertAsync(db, chunk, sync, ct);
            }
        }

        return written;
    }

    private static async Task<int> InsertAsync(AppDbContext db, EntityEntry[] rows, bool sync, CancellationToken ct)
    {
        var type = rows[0].Metadata;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties.Single();
        var columns = type.GetProperties().Where(p => p != key).ToList();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var sql = new StringBuilder("INSERT INTO ").Append(table.Name).Append(" (")
            .AppendJoin(", ", columns.Select(c => c.GetColumnName(table))).Append(") VALUES ");
        for (var r = 0; r < rows.Length; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "p" + (r * columns.Count + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
                sql.Append(c == 0 ? "@" : ", @").Append(name);
                var column = columns[c];
                command.Parameters.Add(column.GetRelationalTypeMapping().CreateParameter(command, name, rows[r].Property(column.Name).CurrentValue, column.IsNullable));
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(" RETURNING ").Append(key.GetColumnName(table)).ToString();
        var ids = new List<long>(rows.Length);
        try
        {
            await using var reader = sync ? command.ExecuteReader() : await command.ExecuteReaderAsync(ct);
            while (sync ? reader.Read() : await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        catch (DbException e)
        {
            // As EF reports a failed save (unique keys: a replayed or concurrent upload), so callers handle it the same way.
            throw new DbUpdateException("多行插入失败：" + e.Message, e);
        }

        if (ids.Count != rows.Length)
        {
            throw new InvalidOperationException($"多行插入 {table.Name}：写入 {rows.Length} 行，返回 {ids.Count} 个 id");
        }

        // The identity's nextval runs row by row in VALUES order within the statement, so the ids ascend in row order.
        ids.Sort();
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].Property(key.Name).CurrentValue = ids[i];
            rows[i].State = EntityState.Unchanged;
        }

        return rows.Length;
    }
}
