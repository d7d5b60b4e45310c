using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>One write request of an institution: its message id (msgid), transaction number and a hash of what was asked.</summary>
public sealed record ApiCall(long InstitutionId, string Msgid, string Infno, string RequestHash)
{
    public static string HashOf(string infno, string target, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(infno + "\n" + target + "\n" + body)));
}

/// <summary>The outcome of an idempotent call: a fresh result, a stored answer (replay), or a msgid conflict.</summary>
public sealed record IdempotentOutcome<T>(AppResult<T>? Fresh, string? StoredJson, bool Conflict);

/// <summary>
/// Idempotency by msgid: the first successful answer is stored with the request hash in the same transaction as the
/// change it answers; a repeat returns the stored answer and changes nothing; the same msgid with another request is a
/// conflict. Failed requests change nothing and are not stored (a corrected request may reuse the msgid).
/// </summary>
public sealed class IdempotentRequests(IAppDbContext db, TimeProvider clock, IWriteTurns writeTurns)
{
    public const string MsgidConflict = "msgid-conflict";

    public async Task<IdempotentOutcome<T>> RunAsync<T>(ApiCall call, Func<CancellationToken, Task<AppResult<T>>> work, Func<T, string> serialize, CancellationToken ct = default)
    {
        using var turn = await writeTurns.EnterAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Optimistic: the msgid is not looked up first (that would cost every request a round trip for the rare replay).
            // A replay does the work again inside this transaction and then either fails (the state it changed, e.g. the
            // encounter is already settled) or collides with the stored msgid on insert; both roll everything back and look
            // the msgid up, so a replay still answers as the first request did and changes nothing. The work's audit
            // entries go out with the next save (the msgid record below), not in saves of their own.
            AppResult<T> result;
            db.DeferAudit = true;
            try
            {
                result = await work(ct);
            }
            catch (DbUpdateException)
            {
                // A replay whose work hit a unique key the first request wrote: answer from the stored record.
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                if (await FindAsync<T>(call, ct) is { } stored)
                {
                    return stored;
                }

                throw;
            }
            finally
            {
                db.DeferAudit = false;
            }

            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await FindAsync<T>(call, ct) ?? new IdempotentOutcome<T>(result, null, false);
            }

            var json = serialize(result.Value!);
            db.ApiRequestLogs.Add(new ApiRequestLog
            {
                InstitutionId = call.InstitutionId,
                Msgid = call.Msgid,
                Infno = call.Infno,
                RequestHash = call.RequestHash,
                StatusCode = 200,
                ResponseJson = json,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new IdempotentOutcome<T>(result, json, false);
            }
            catch (DbUpdateException)
            {
                // Another request with the same msgid committed first: everything here is rolled back; answer as it did.
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        }

        return await FindAsync<T>(call, ct) ?? throw new InvalidOperationException("并发请求写入失败且未找到已存储的应答");
    }

    private async Task<IdempotentOutcome<T>?> FindAsync<T>(ApiCall call, CancellationToken ct)
    {
        var log = await db.ApiRequestLogs.AsNoTracking().FirstOrDefaultAsync(r => r.InstitutionId == call.InstitutionId && r.Msgid == call.Msgid, ct);
        if (log is null)
        {
            return null;
        }

        return log.RequestHash == call.RequestHash
            ? new IdempotentOutcome<T>(null, log.ResponseJson, false)
            : new IdempotentOutcome<T>(null, null, true);
    }
}
