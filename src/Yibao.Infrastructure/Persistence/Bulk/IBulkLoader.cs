using Yibao.Domain.Accounts;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Persistence.Bulk;

/// <summary>
/// Fast provider-specific load of registry rows (DESIGN §5): SQLite uses one transaction with a prepared,
/// reused INSERT; PostgreSQL uses binary COPY. Both give the same rows. Ids come from the caller.
/// <para>
/// Usage: <see cref="BeginAsync"/>, the Write methods in foreign-key order (areas, households, persons, employers,
/// institutions, enrollments, events, statuses, journal entries, lines, contributions), then <see cref="CommitAsync"/>. The work runs in a transaction opened on the
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

    /// <summary>参保记录 (the row only; events go through <see cref="WriteEnrollmentEventsAsync"/>).</summary>
    Task<int> WriteEnrollmentsAsync(IEnumerable<Enrollment> rows, CancellationToken cancellationToken = default);

    Task<int> WriteEnrollmentEventsAsync(IEnumerable<EnrollmentEvent> rows, CancellationToken cancellationToken = default);

    Task<int> WriteSpecialStatusesAsync(IEnumerable<PersonSpecialStatus> rows, CancellationToken cancellationToken = default);

    /// <summary>记账凭证 headers (lines go through <see cref="WriteJournalLinesAsync"/>); callers post only balanced entries built by <see cref="JournalEntry.Create"/>.</summary>
    Task<int> WriteJournalEntriesAsync(IEnumerable<JournalEntry> rows, CancellationToken cancellationToken = default);

    Task<int> WriteJournalLinesAsync(IEnumerable<JournalLine> rows, CancellationToken cancellationToken = default);

    Task<int> WriteResidentContributionsAsync(IEnumerable<ResidentContribution> rows, CancellationToken cancellationToken = default);

    /// <summary>缴费基数 (核定 bases).</summary>
    Task<int> WriteContributionBasesAsync(IEnumerable<ContributionBase> rows, CancellationToken cancellationToken = default);

    /// <summary>征收计划 headers (lines go through <see cref="WriteCollectionPlanLinesAsync"/>).</summary>
    Task<int> WriteCollectionPlansAsync(IEnumerable<CollectionPlan> rows, CancellationToken cancellationToken = default);

    Task<int> WriteCollectionPlanLinesAsync(IEnumerable<CollectionPlanLine> rows, CancellationToken cancellationToken = default);

    /// <summary>税务入库记录 (their journal entries first, through <see cref="WriteJournalEntriesAsync"/>).</summary>
    Task<int> WriteEmployerPaymentsAsync(IEnumerable<EmployerPayment> rows, CancellationToken cancellationToken = default);

    /// <summary>就诊记录 (their fee lines go through <see cref="WriteFeeDetailsAsync"/>).</summary>
    Task<int> WriteEncountersAsync(IEnumerable<MedicalEncounter> rows, CancellationToken cancellationToken = default);

    Task<int> WriteFeeDetailsAsync(IEnumerable<FeeDetail> rows, CancellationToken cancellationToken = default);

    /// <summary>结算记录 (their journal entries first, through <see cref="WriteJournalEntriesAsync"/>).</summary>
    Task<int> WriteSettlementsAsync(IEnumerable<SettlementRecord> rows, CancellationToken cancellationToken = default);

    /// <summary>人员年度累计 (one row per person and year).</summary>
    Task<int> WritePersonAccumulatorsAsync(IEnumerable<PersonAccumulator> rows, CancellationToken cancellationToken = default);

    /// <summary>个人账户记账 on existing accounts (their journal entries first), e.g. the 支付 of generated settlements.</summary>
    Task<int> WritePersonalAccountEntriesAsync(IEnumerable<PersonalAccountEntryRecord> rows, CancellationToken cancellationToken = default);

    /// <summary>灵活就业人员缴费 (their journal entries first).</summary>
    Task<int> WriteFlexibleContributionsAsync(IEnumerable<FlexibleContribution> rows, CancellationToken cancellationToken = default);

    /// <summary>Moves identity sequences past the loaded ids and commits.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
