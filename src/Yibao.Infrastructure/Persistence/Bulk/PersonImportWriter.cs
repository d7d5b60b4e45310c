using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Persistence.Bulk;

/// <summary>
/// 参保登记批量导入 through the provider's <see cref="IBulkLoader"/>: persons, enrollments and their registration events,
/// plus one audit entry (who, file, row count) saved through the context, all in one transaction.
/// </summary>
public sealed class PersonImportWriter(AppDbContext db, IBulkLoader bulk, TimeProvider clock, ICurrentUser currentUser) : IPersonImportWriter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task WriteAsync(IReadOnlyList<Person> persons, IReadOnlyList<Enrollment> enrollments, PersonImportSummary summary, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(enrollments);
        ArgumentNullException.ThrowIfNull(summary);
        await using (bulk)
        {
            await bulk.BeginAsync(ct);
            await bulk.WritePersonsAsync(persons, ct);
            await bulk.WriteEnrollmentsAsync(enrollments, ct);
            await bulk.WriteEnrollmentEventsAsync(enrollments.SelectMany(e => e.Events), ct);

            // The bulk rows bypass the per-row audit; one entry records the import itself.
            var after = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["说明"] = "参保登记批量导入",
                ["文件"] = summary.FileName,
                ["行数"] = summary.Persons,
                ["人员"] = summary.Persons,
                ["参保记录"] = summary.Enrollments,
                ["人员编号"] = summary.FirstPersonNo + "–" + summary.LastPersonNo,
            };
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = currentUser.UserId,
                UserName = currentUser.UserName,
                Action = AuditActions.Added,
                Entity = "PersonImport",
                EntityKey = summary.FileName.Length > 128 ? summary.FileName[..128] : summary.FileName,
                After = JsonSerializer.Serialize(after, Json),
            });
            await db.SaveChangesAsync(ct);
            await bulk.CommitAsync(ct);
        }
    }
}
