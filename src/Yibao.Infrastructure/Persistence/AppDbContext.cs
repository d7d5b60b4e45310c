using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Admin;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Identity;

namespace Yibao.Infrastructure.Persistence;

/// <summary>The one DbContext (DESIGN §5). Every save writes audit entries in the same transaction.</summary>
public class AppDbContext : IdentityDbContext<StaffUser, IdentityRole, string>, IAppDbContext
{
    private ICurrentUser? _currentUser;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>
    /// Contexts are pooled (DependencyInjection: a pooled factory; each request leases one and <see cref="Lease"/> tells it
    /// who is working), so the constructor takes the options only; EF restores the settings made here whenever a context
    /// returns to the pool.
    /// </summary>
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
        // No SAVEPOINT/RELEASE pair around every SaveChanges inside a transaction (two extra round trips each; a settlement
        // saved six times). Nothing continues a transaction after a failed save: every caller rolls the whole transaction
        // back (IdempotentRequests, InTransactionAsync), so the savepoints never served a purpose.
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>Prepares a context taken from the pool for one scope: who is working, the clock, and no leftover audit state.</summary>
    public AppDbContext Lease(ICurrentUser? currentUser, TimeProvider? clock)
    {
        _currentUser = currentUser;
        _clock = clock ?? TimeProvider.System;
        _auditSummary = null;
        _deferred.Clear();
        DeferAudit = false;
        return this;
    }

    /// <summary>
    /// Set while a DI scope owns this context (<see cref="ScopedContext"/>): the scope's container disposes every service
    /// instance it handed out — the context once as <see cref="AppDbContext"/> and again as <see cref="IAppDbContext"/> —
    /// and a second dispose of a pooled context that is already back in the pool (or already leased to another request)
    /// would dispose or release someone else's context. So those disposes do nothing; <see cref="ScopedContext"/> returns
    /// the context to the pool exactly once, at the end of the scope.
    /// </summary>
    internal bool OwnedByScope { get; set; }

    public override void Dispose()
    {
        if (!OwnedByScope)
        {
            base.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!OwnedByScope)
        {
            await base.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<PersonSpecialStatus> PersonSpecialStatuses => Set<PersonSpecialStatus>();
    public DbSet<WaitingPeriodRule> WaitingPeriodRules => Set<WaitingPeriodRule>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<ResidentContributionPolicy> ResidentContributionPolicies => Set<ResidentContributionPolicy>();
    public DbSet<ResidentContribution> ResidentContributions => Set<ResidentContribution>();
    public DbSet<EmployeeContributionPolicy> EmployeeContributionPolicies => Set<EmployeeContributionPolicy>();
    public DbSet<ContributionBase> ContributionBases => Set<ContributionBase>();
    public DbSet<CollectionPlan> CollectionPlans => Set<CollectionPlan>();
    public DbSet<CollectionPlanLine> CollectionPlanLines => Set<CollectionPlanLine>();
    public DbSet<EmployerPayment> EmployerPayments => Set<EmployerPayment>();
    public DbSet<FlexibleContribution> FlexibleContributions => Set<FlexibleContribution>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<MedicalEncounter> MedicalEncounters => Set<MedicalEncounter>();
    public DbSet<FeeDetail> FeeDetails => Set<FeeDetail>();
    public DbSet<SettlementRecord> Settlements => Set<SettlementRecord>();
    public DbSet<PersonAccumulator> PersonAccumulators => Set<PersonAccumulator>();
    public DbSet<ApiRequestLog> ApiRequestLogs => Set<ApiRequestLog>();
    public DbSet<Yibao.Domain.Funds.Disbursement> Disbursements => Set<Yibao.Domain.Funds.Disbursement>();
    public DbSet<Yibao.Domain.Funds.StoredStatement> StoredStatements => Set<Yibao.Domain.Funds.StoredStatement>();
    public DbSet<Yibao.Domain.OutOfArea.OutOfAreaFiling> OutOfAreaFilings => Set<Yibao.Domain.OutOfArea.OutOfAreaFiling>();
    public DbSet<ManualReimbursement> ManualReimbursements => Set<ManualReimbursement>();
    public DbSet<Yibao.Domain.Accounts.PersonalAccountRecord> PersonalAccounts => Set<Yibao.Domain.Accounts.PersonalAccountRecord>();
    public DbSet<Yibao.Domain.Accounts.PersonalAccountEntryRecord> PersonalAccountEntries => Set<Yibao.Domain.Accounts.PersonalAccountEntryRecord>();
    public DbSet<Yibao.Domain.Accounts.FamilySharingBinding> FamilySharingBindings => Set<Yibao.Domain.Accounts.FamilySharingBinding>();
    public DbSet<CatalogEntry> CatalogEntries => Set<CatalogEntry>();
    public DbSet<CatalogSelfPayRatio> CatalogSelfPayRatios => Set<CatalogSelfPayRatio>();
    public DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();
    public DbSet<CatalogEntryChange> CatalogEntryChanges => Set<CatalogEntryChange>();
    public DbSet<DiagnosisEntry> Diagnoses => Set<DiagnosisEntry>();
    public DbSet<ProcedureEntry> Procedures => Set<ProcedureEntry>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<Yibao.Domain.Budget.StoredBudget> Budgets => Set<Yibao.Domain.Budget.StoredBudget>();
    public DbSet<Yibao.Domain.Performance.IndicatorBinding> PerformanceBindings => Set<Yibao.Domain.Performance.IndicatorBinding>();
    public DbSet<Yibao.Domain.Performance.PopulationBaseline> PopulationBaselines => Set<Yibao.Domain.Performance.PopulationBaseline>();
    public DbSet<Yibao.Domain.Performance.PerformanceEvaluation> PerformanceEvaluations => Set<Yibao.Domain.Performance.PerformanceEvaluation>();

    public DbSet<Yibao.Domain.Budget.Classification.StoredClassification> BudgetClassifications => Set<Yibao.Domain.Budget.Classification.StoredClassification>();
    public DbSet<Yibao.Domain.Review.StoredReviewRule> ReviewRules => Set<Yibao.Domain.Review.StoredReviewRule>();
    public DbSet<Yibao.Domain.Review.ReviewRun> ReviewRuns => Set<Yibao.Domain.Review.ReviewRun>();
    public DbSet<Yibao.Domain.Review.ReviewFlagRecord> ReviewFlags => Set<Yibao.Domain.Review.ReviewFlagRecord>();
    public DbSet<Yibao.Domain.Supervision.SupervisionPolicy> SupervisionPolicies => Set<Yibao.Domain.Supervision.SupervisionPolicy>();
    public DbSet<Yibao.Domain.Supervision.InspectionPlan> InspectionPlans => Set<Yibao.Domain.Supervision.InspectionPlan>();
    public DbSet<Yibao.Domain.Supervision.Inspection> Inspections => Set<Yibao.Domain.Supervision.Inspection>();
    public DbSet<Yibao.Domain.Supervision.InspectionFinding> InspectionFindings => Set<Yibao.Domain.Supervision.InspectionFinding>();
    public DbSet<Yibao.Domain.Supervision.EvidenceFile> EvidenceFiles => Set<Yibao.Domain.Supervision.EvidenceFile>();
    public DbSet<Yibao.Domain.Supervision.SupervisionCase> SupervisionCases => Set<Yibao.Domain.Supervision.SupervisionCase>();
    public DbSet<Yibao.Domain.Supervision.CaseOutcome> CaseOutcomes => Set<Yibao.Domain.Supervision.CaseOutcome>();
    public DbSet<Yibao.Domain.Supervision.OutcomePayment> OutcomePayments => Set<Yibao.Domain.Supervision.OutcomePayment>();
    public DbSet<Yibao.Domain.Supervision.Complaint> Complaints => Set<Yibao.Domain.Supervision.Complaint>();

    /// <summary>True on PostgreSQL, false on SQLite.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffUser>().ToTable("staff_users");
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("staff_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("staff_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("staff_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("staff_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SnakeCaseNaming.Apply(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveWithAuditAsync(acceptAllChangesOnSuccess, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveWithAuditAsync(acceptAllChangesOnSuccess, sync: false, cancellationToken);

    private static readonly System.Text.Json.JsonSerializerOptions SummaryJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private (string Entity, string Key, string Description, HashSet<Type> Types)? _auditSummary;

    public void SummarizeAuditOfNextSave(string entity, string entityKey, string description, params Type[] entityTypes) =>
        _auditSummary = (entity, entityKey, description, [.. entityTypes]);

    /// <inheritdoc />
    public bool DeferAudit { get; set; }

    /// <summary>Kept 待遇享受期 rules per database and 统筹区 (see <see cref="WaitingPolicyAsync"/>).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Db, string Area), (WaitingPolicy Policy, long Generation, DateTime LoadedAt)> WaitingRules = new();

    /// <summary>Raised by every save that changes a 待遇享受期 rule: copies read before it are not used again.</summary>
    private static long _waitingGeneration;

    private static readonly TimeSpan WaitingRulesKeptFor = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task<WaitingPolicy> WaitingPolicyAsync(string poolAreaCode, CancellationToken ct = default)
    {
        var key = (Database.GetConnectionString() ?? string.Empty, poolAreaCode);
        var generation = Interlocked.Read(ref _waitingGeneration);
        var now = _clock.GetUtcNow().UtcDateTime;
        if (WaitingRules.TryGetValue(key, out var kept) && kept.Generation == generation && now - kept.LoadedAt < WaitingRulesKeptFor)
        {
            return kept.Policy;
        }

        var policy = new WaitingPolicy(await WaitingPeriodRules.AsNoTracking().Where(r => r.PoolAreaCode == poolAreaCode).ToListAsync(ct));
        WaitingRules[key] = (policy, generation, now);
        return policy;
    }

    /// <summary>Audit entries of earlier saves of the transaction <see cref="_deferredIn"/>, written with the next save.</summary>
    private readonly List<AuditEntry> _deferred = [];
    private Guid _deferredIn;

    private async Task<int> SaveWithAuditAsync(bool acceptAll, bool sync, CancellationToken ct)
    {
        // Changes are detected once, here; the save below and the audit capture use that result instead of scanning every
        // tracked entity again (three scans per save before).
        var pending = AuditRecorder.Capture(ChangeTracker);
        if (pending.Exists(p => p.ClrType == typeof(WaitingPeriodRule)))
        {
            Interlocked.Increment(ref _waitingGeneration);
        }

        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveCapturedAsync(pending, acceptAll, sync, ct);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async Task<int> SaveCapturedAsync(List<AuditRecorder.Pending> pending, bool acceptAll, bool sync, CancellationToken ct)
    {
        var summary = _auditSummary;
        _auditSummary = null;
        Dictionary<string, int>? summarized = null;
        if (summary is { } sm)
        {
            summarized = new Dictionary<string, int>(StringComparer.Ordinal);
            pending.RemoveAll(p =>
            {
                if (!p.IsAddedOfAny(sm.Types))
                {
                    return false;
                }

                var name = p.EntityName;
                summarized[name] = summarized.GetValueOrDefault(name) + 1;
                return true;
            });
        }

        if (summarized is { Count: > 0 })
        {
            AuditEntries.Add(new AuditEntry
            {
                AtUtc = _clock.GetUtcNow().UtcDateTime,
                UserId = _currentUser?.UserId,
                UserName = _currentUser?.UserName ?? "系统",
                Action = AuditActions.Added,
                Entity = summary!.Value.Entity,
                EntityKey = summary.Value.Key,
                After = System.Text.Json.JsonSerializer.Serialize(new { 说明 = summary.Value.Description, 批量新增 = summarized }, SummaryJson),
            });
        }

        var flushed = TakeDeferred();
        if (pending.Count == 0)
        {
            return (sync ? base.SaveChanges(acceptAll) : await base.SaveChangesAsync(acceptAll, ct)) - flushed;
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? (sync ? Database.BeginTransaction() : await Database.BeginTransactionAsync(ct))
            : null;
        try
        {
            var count = (IsPostgres ? await MultiRowInsert.RunAsync(this, pending, sync, ct) : 0)
                + (sync ? base.SaveChanges(true) : await base.SaveChangesAsync(true, ct)) - flushed;
            var at = _clock.GetUtcNow().UtcDateTime;
            var userName = _currentUser?.UserName ?? "系统";
            var entries = AuditRecorder.ToEntries(pending, at, _currentUser?.UserId, userName);
            if (DeferAudit && ownTransaction is null)
            {
                // Written by the next save of this transaction, in its batch (see IAppDbContext.DeferAudit).
                _deferred.AddRange(entries);
                _deferredIn = Database.CurrentTransaction!.TransactionId;
                return count;
            }

            AuditEntries.AddRange(entries);
            _ = sync ? base.SaveChanges(true) : await base.SaveChangesAsync(true, ct);
            if (ownTransaction is not null)
            {
                if (sync)
                {
                    ownTransaction.Commit();
                }
                else
                {
                    await ownTransaction.CommitAsync(ct);
                }
            }

            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Adds the deferred audit entries to this save when it belongs to the transaction that produced them (else that
    /// transaction was rolled back and they are dropped); returns how many were added.
    /// </summary>
    private int TakeDeferred()
    {
        if (_deferred.Count == 0)
        {
            return 0;
        }

        var n = 0;
        if (Database.CurrentTransaction?.TransactionId == _deferredIn)
        {
            AuditEntries.AddRange(_deferred);
            n = _deferred.Count;
        }

        _deferred.Clear();
        return n;
    }
}
