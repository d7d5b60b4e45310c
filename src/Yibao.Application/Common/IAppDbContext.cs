using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Yibao.Domain.Admin;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Common;

/// <summary>The one database, as the use cases see it. Implemented by Infrastructure's AppDbContext.</summary>
public interface IAppDbContext
{
    DbSet<Area> Areas { get; }
    DbSet<Household> Households { get; }
    DbSet<Person> Persons { get; }
    DbSet<Employer> Employers { get; }
    DbSet<Institution> Institutions { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Enrollment> Enrollments { get; }
    DbSet<PersonSpecialStatus> PersonSpecialStatuses { get; }
    DbSet<WaitingPeriodRule> WaitingPeriodRules { get; }
    DbSet<JournalEntry> JournalEntries { get; }
    DbSet<ResidentContributionPolicy> ResidentContributionPolicies { get; }
    DbSet<ResidentContribution> ResidentContributions { get; }
    DbSet<EmployeeContributionPolicy> EmployeeContributionPolicies { get; }
    DbSet<ContributionBase> ContributionBases { get; }
    DbSet<CollectionPlan> CollectionPlans { get; }
    DbSet<CollectionPlanLine> CollectionPlanLines { get; }
    DbSet<EmployerPayment> EmployerPayments { get; }
    DbSet<FlexibleContribution> FlexibleContributions { get; }
    DbSet<ApiClient> ApiClients { get; }
    DbSet<MedicalEncounter> MedicalEncounters { get; }
    DbSet<FeeDetail> FeeDetails { get; }
    DbSet<SettlementRecord> Settlements { get; }
    DbSet<PersonAccumulator> PersonAccumulators { get; }
    DbSet<ApiRequestLog> ApiRequestLogs { get; }
    DbSet<Yibao.Domain.Funds.Disbursement> Disbursements { get; }

    DbSet<Yibao.Domain.Funds.StoredStatement> StoredStatements { get; }
    DbSet<Yibao.Domain.OutOfArea.OutOfAreaFiling> OutOfAreaFilings { get; }
    DbSet<ManualReimbursement> ManualReimbursements { get; }
    DbSet<Yibao.Domain.Accounts.PersonalAccountRecord> PersonalAccounts { get; }
    DbSet<Yibao.Domain.Accounts.PersonalAccountEntryRecord> PersonalAccountEntries { get; }
    DbSet<Yibao.Domain.Accounts.FamilySharingBinding> FamilySharingBindings { get; }

    /// <summary>Transactions (settlement writes several saves and the idempotency record in one transaction).</summary>
    DatabaseFacade Database { get; }

    /// <summary>Forgets tracked entities (after a rolled-back attempt).</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }
    DbSet<CatalogEntry> CatalogEntries { get; }
    DbSet<CatalogSelfPayRatio> CatalogSelfPayRatios { get; }
    DbSet<CatalogVersion> CatalogVersions { get; }
    DbSet<CatalogEntryChange> CatalogEntryChanges { get; }
    DbSet<DiagnosisEntry> Diagnoses { get; }
    DbSet<ProcedureEntry> Procedures { get; }
    DbSet<PolicyVersion> PolicyVersions { get; }
    DbSet<Yibao.Domain.Budget.StoredBudget> Budgets { get; }
    DbSet<Yibao.Domain.Performance.IndicatorBinding> PerformanceBindings { get; }
    DbSet<Yibao.Domain.Performance.PopulationBaseline> PopulationBaselines { get; }
    DbSet<Yibao.Domain.Performance.PerformanceEvaluation> PerformanceEvaluations { get; }

    DbSet<Yibao.Domain.Budget.Classification.StoredClassification> BudgetClassifications { get; }
    DbSet<Yibao.Domain.Review.StoredReviewRule> ReviewRules { get; }
    DbSet<Yibao.Domain.Review.ReviewRun> ReviewRuns { get; }
    DbSet<Yibao.Domain.Review.ReviewFlagRecord> ReviewFlags { get; }

    DbSet<Yibao.Domain.Supervision.SupervisionPolicy> SupervisionPolicies { get; }
    DbSet<Yibao.Domain.Supervision.InspectionPlan> InspectionPlans { get; }
    DbSet<Yibao.Domain.Supervision.Inspection> Inspections { get; }
    DbSet<Yibao.Domain.Supervision.InspectionFinding> InspectionFindings { get; }
    DbSet<Yibao.Domain.Supervision.EvidenceFile> EvidenceFiles { get; }
    DbSet<Yibao.Domain.Supervision.SupervisionCase> SupervisionCases { get; }
    DbSet<Yibao.Domain.Supervision.CaseOutcome> CaseOutcomes { get; }
    DbSet<Yibao.Domain.Supervision.OutcomePayment> OutcomePayments { get; }
    DbSet<Yibao.Domain.Supervision.Complaint> Complaints { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// For the next save only: rows of <paramref name="entityTypes"/> added by a bulk load are not audited one by one;
    /// one audit entry (<paramref name="entity"/>/<paramref name="entityKey"/>, after = <paramref name="description"/> and
    /// the row counts by type) records the load instead. Used where the data itself keeps the per-row history (e.g. a
    /// catalog version with its 目录变更明细); modified or deleted rows are always audited one by one.
    /// </summary>
    void SummarizeAuditOfNextSave(string entity, string entityKey, string description, params Type[] entityTypes);

    /// <summary>
    /// While true, a save inside a transaction keeps the audit entries it produced and writes them with the next save of
    /// the same transaction (one round trip fewer per save). Whoever turns it on must turn it off and save once more before
    /// committing (<c>IdempotentRequests</c>: the msgid record is always the last save). Entries of a transaction that
    /// ended without that save (rolled back) are discarded, never written into another transaction.
    /// </summary>
    bool DeferAudit { get; set; }

    /// <summary>
    /// The 待遇享受期 rules of a 统筹区, read on every registration and settlement, kept in memory for up to a minute;
    /// any save in this process that changes a rule drops the kept copy at once.
    /// </summary>
    Task<Yibao.Domain.Registry.WaitingPolicy> WaitingPolicyAsync(string poolAreaCode, CancellationToken ct = default);
}
