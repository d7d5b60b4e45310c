using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Domain.Common;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>Stable error codes of the supervision use cases.</summary>
public static class SupervisionErrors
{
    public const string Validation = "validation-failed";
    public const string NotFound = "not-found";
    public const string InstitutionNotFound = "institution-not-found";
    public const string DuplicateNo = "duplicate-number";
}

/// <summary>Shared helpers: document numbers, the policy in force, turning domain refusals into Chinese errors inside a rolled-back transaction.</summary>
public static class SupervisionSupport
{
    /// <summary>Next number "prefix + year + 4 digits" among <paramref name="existing"/> (a unique index guards races).</summary>
    public static string NextNo(string prefix, int year, IEnumerable<string> existing)
    {
        var head = prefix + year.ToString(CultureInfo.InvariantCulture);
        var max = existing.Where(n => n.StartsWith(head, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(head.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0)
            .DefaultIfEmpty(0).Max();
        return head + (max + 1).ToString("0000", CultureInfo.InvariantCulture);
    }

    /// <summary>The policy in force on <paramref name="on"/>: the stored one with the latest 生效日期 on or before it, else the documented defaults.</summary>
    public static async Task<SupervisionPolicy> PolicyOnAsync(IAppDbContext db, DateOnly on, CancellationToken ct) =>
        await db.SupervisionPolicies.AsNoTracking().Where(p => p.EffectiveFrom <= on).OrderByDescending(p => p.EffectiveFrom).FirstOrDefaultAsync(ct)
        ?? SupervisionPolicy.Default(new DateOnly(2000, 1, 1));

    /// <summary>Runs <paramref name="work"/> in a transaction; a <see cref="DomainException"/> rolls it back and becomes a Chinese error.</summary>
    public static async Task<AppResult<T>> RunAsync<T>(IAppDbContext db, Func<Task<AppResult<T>>> work, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync(work, ct);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return AppResult<T>.Fail(new AppError(ex.Code, ex.Message, ex.Field));
        }
    }

    public static AppResult<T> Fail<T>(string message, string field, string code = SupervisionErrors.Validation) =>
        AppResult<T>.Fail(new AppError(code, message, field));

    public static DateTime Now(this TimeProvider clock) => clock.GetUtcNow().UtcDateTime;
}
