using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;

namespace Yibao.Application.Settlement;

/// <summary>The policy version a settlement used: the compiled policy and the id stored with the settlement.</summary>
public sealed record PolicyVersion(string VersionId, CompiledPolicy Policy);

/// <summary>
/// 医保目录与待遇政策 for online settlement. Today implemented from the sample files (Infrastructure
/// <c>FileSettlementReferenceData</c>); the catalog/policy persistence work replaces the implementation, not the callers.
/// </summary>
public interface ISettlementReferenceData
{
    /// <summary>The catalog in force in <paramref name="poolArea"/> on <paramref name="serviceDate"/>, or null.</summary>
    Task<Catalog?> GetCatalogAsync(string poolArea, DateOnly serviceDate, CancellationToken ct = default);

    /// <summary>The policy version in force for the 统筹区, 险种 and date, or null.</summary>
    Task<PolicyVersion?> GetPolicyAsync(string poolArea, string insutype, DateOnly serviceDate, CancellationToken ct = default);
}

/// <summary>
/// Serialises settlements of one person: holds a lock until the current transaction ends
/// (PostgreSQL: <c>pg_advisory_xact_lock</c>; SQLite: the transaction is BEGIN IMMEDIATE, one writer at a time).
/// </summary>
public interface IPersonSettlementLock
{
    Task LockAsync(long personId, CancellationToken ct = default);

    /// <summary>
    /// Locks the person of the institution's encounter <paramref name="mdtrtId"/> (nothing when there is no such encounter:
    /// the caller's own look-up then reports it) and returns the id the settlement's journal entry is to have. PostgreSQL does
    /// both in one statement, drawing the id from the journal entries' identity sequence, so the settlement, its journal
    /// entry and its lines go out in one batch instead of three round trips; SQLite returns null (the entry gets its id on
    /// insert).
    /// </summary>
    Task<long?> LockEncounterPersonAsync(long institutionId, string mdtrtId, CancellationToken ct = default);

    /// <summary>
    /// Locks the person of the institution's encounter <paramref name="mdtrtId"/> for fee-line changes (2204/2205,
    /// 2301/2302): a settlement of the encounter running at the same moment either sees every line of the change or the
    /// change sees the encounter settled. Nothing when there is no such encounter; SQLite has one writer at a time anyway.
    /// </summary>
    Task LockEncounterAsync(long institutionId, string mdtrtId, CancellationToken ct = default);
}

/// <summary>
/// Serialises 拨付 to one institution until the current transaction ends, so two payments recorded at the same moment cannot
/// both see the same amount outstanding (PostgreSQL: <c>pg_advisory_xact_lock</c>; SQLite: BEGIN IMMEDIATE).
/// </summary>
public interface IInstitutionPaymentLock
{
    Task LockAsync(long institutionId, CancellationToken ct = default);
}

/// <summary>
/// The order in which the settlement API's write transactions start. SQLite has one writer at a time (BEGIN IMMEDIATE):
/// there the transactions of this process wait here, first come first served, instead of each retrying against the
/// database's lock with sleeps in between (which made the slowest requests wait seconds). PostgreSQL locks rows and
/// persons itself: there entering costs nothing.
/// </summary>
public interface IWriteTurns
{
    /// <summary>Waits for this request's turn; disposing the result lets the next one in.</summary>
    ValueTask<IDisposable?> EnterAsync(CancellationToken ct = default);
}
