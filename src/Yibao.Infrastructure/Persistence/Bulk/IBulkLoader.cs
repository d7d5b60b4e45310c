using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Persistence.Bulk;

/// <summary>
/// Fast provider-specific load of registry rows (DESIGN §5): SQLite uses one transaction with a prepared,
/// reused INSERT; PostgreSQL uses binary COPY. Both give the same rows. Ids come from the caller.
/// <para>
/// Usage: <see cref="BeginAsync"/>, the Write methods in foreign-key order (areas, households, persons, employers,
/// institutions), then <see cref="CommitAsync"/>. The work runs in a transaction opened on the
/// <see cref="AppDbContext"/>, so a summarizing audit entry saved through the context before the commit lands in
/// the same transaction. Disposing without committing rolls everything back.
/// </para>
/// <para>Bulk loads bypass the per-row audit; callers must write one audit entry describing the load.</para>
/// </summary>
public interface IBulkLoader : IAsyncDisposable
{
    Task BeginAsync(CancellationToken cancellationToken = default);

    Task<int> WriteAreasAsync(IEnumerable<Area> rows, CancellationToken cancellationToken = default);

    Task<int> WriteHouseholdsAsync(IEnumerable<Household> rows, CancellationToken cancellationToken = default);

    Task<int> WritePersonsAsync(IEnumerable<Person> rows, CancellationToken cancellationToken = default);

    Task<int> WriteEmployersAsync(IEnumerable<Employer> rows, CancellationToken cancellationToken = default);

    Task<int> WriteInstitutionsAsync(IEnumerable<Institution> rows, CancellationToken cancellationToken = default);

    /// <summary>Moves identity sequences past the loaded ids and commits.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
