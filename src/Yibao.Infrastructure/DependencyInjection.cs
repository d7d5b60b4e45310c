using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yibao.Application.Accounts;
using Yibao.Application.Admin;
using Yibao.Application.Catalogs;
using Yibao.Application.Policies;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Application.Home;
using Yibao.Application.Institutions;
using Yibao.Application.Settlement;
using Yibao.Application.Registry;
using Yibao.Infrastructure.Documents;
using Yibao.Infrastructure.Identity;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Settlement;

namespace Yibao.Infrastructure;

/// <summary>The one composition root (DESIGN §2), shared by the web app and the CLI.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddYibao(this IServiceCollection services, IConfiguration configuration)
    {
        var db = DatabaseOptions.From(configuration);
        services.AddSingleton(db);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentUser, SystemCurrentUser>();
        // Contexts come from a pool (options built once; EF's internal services and the DbSets reused), each scope leasing
        // one and naming who works in it; disposing the scope returns it. Building options and a fresh context for every
        // API request was a tenth of what a settlement allocated.
        services.AddPooledDbContextFactory<AppDbContext>(o => DbContextOptionsFactory.Configure(o, db));
        // The scope's container disposes each instance it hands out, so the context is owned by one ScopedContext that
        // returns it to the pool exactly once (a second dispose of a pooled context would hit another request's lease).
        services.AddScoped(sp => new ScopedContext(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), sp.GetService<ICurrentUser>(), sp.GetService<TimeProvider>()));
        services.AddScoped(sp => sp.GetRequiredService<ScopedContext>().Context);
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<ScopedContext>().Context);
        services.AddScoped<DatabaseInitializer>();
        services.AddYibaoBulk(db);
        services.AddDisclosureChecking();

        services.AddDataProtection();
        services.AddIdentityCore<StaffUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        services.AddScoped<IStaffDirectory, StaffDirectory>();

        // Application use cases: plain handlers, injected where used.
        services.AddScoped<CreateStaffUserHandler>();
        services.AddScoped<SearchAuditEntriesHandler>();
        services.AddScoped<GetDashboardHandler>();
        services.AddScoped<ListStaffUsersHandler>();
        services.AddScoped<ResetStaffPasswordHandler>();
        services.AddScoped<SetStaffDisabledHandler>();
        services.AddScoped<SetStaffRolesHandler>();
        services.AddScoped<ChangeOwnPasswordHandler>();

        // 参保登记 (Registry)
        services.AddScoped<RegisterPersonHandler>();
        services.AddScoped<ImportPersonsHandler>();
        services.AddScoped<EnrollPersonHandler>();
        services.AddScoped<ChangeEnrollmentHandler>();
        services.AddScoped<SuspendEnrollmentHandler>();
        services.AddScoped<ResumeEnrollmentHandler>();
        services.AddScoped<TerminateEnrollmentHandler>();
        services.AddScoped<CreditPersonalAccountsHandler>();
        services.AddScoped<PostAccountInterestHandler>();
        services.AddScoped<GetPersonalAccountHandler>();
        services.AddScoped<RegisterFamilySharingHandler>();
        services.AddScoped<EndFamilySharingHandler>();
        services.AddScoped<ListFamilySharingHandler>();
        services.AddScoped<RefundPersonalAccountHandler>();
        services.AddScoped<TransferInPersonalAccountHandler>();
        services.AddScoped<TransferEnrollmentOutHandler>();
        services.AddScoped<AddSpecialStatusHandler>();
        services.AddScoped<EndSpecialStatusHandler>();
        services.AddScoped<GetEligibilityHandler>();
        services.AddScoped<SearchPersonsHandler>();
        services.AddScoped<GetPersonDetailHandler>();
        services.AddScoped<SearchEmployersHandler>();
        services.AddScoped<GetEmployerDetailHandler>();
        services.AddScoped<SaveWaitingPeriodRuleHandler>();
        services.AddScoped<UpdateWaitingPeriodRuleHandler>();
        services.AddScoped<ListWaitingPeriodRulesHandler>();

        // 征缴 (Contributions)
        services.AddScoped<RecordResidentContributionHandler>();
        services.AddScoped<SaveEmployeeContributionPolicyHandler>();
        services.AddScoped<SaveResidentContributionPolicyHandler>();
        services.AddScoped<ListResidentContributionPoliciesHandler>();
        services.AddScoped<ListEmployeeContributionPoliciesHandler>();
        services.AddScoped<DeclareContributionBaseHandler>();
        services.AddScoped<ImportContributionBasesHandler>();
        services.AddScoped<GenerateCollectionPlansHandler>();
        services.AddScoped<ImportEmployerPaymentsHandler>();
        services.AddScoped<RecordFlexibleContributionHandler>();
        services.AddScoped<ContributionQueriesHandler>();

        // 定点医药机构接口密钥 (Institutions)
        services.AddScoped<CreateApiClientHandler>();
        services.AddScoped<RevokeApiClientHandler>();
        services.AddScoped<ListApiClientsHandler>();
        services.AddScoped<AuthenticateApiClientHandler>();
        services.AddSingleton<ApiClientCache>();

        // 联网结算 (Settlement)
        // Policy and catalog from the database; a policy/catalog file pair may be named instead (YIBAO_POLICY_FILE,
        // YIBAO_CATALOG_FILE) to try a parameter set before importing it.
        if (!string.IsNullOrWhiteSpace(configuration["YIBAO_POLICY_FILE"]) || !string.IsNullOrWhiteSpace(configuration["YIBAO_CATALOG_FILE"]))
        {
            services.TryAddSingleton<ISettlementReferenceData>(_ => new FileSettlementReferenceData(configuration));
        }
        else
        {
            services.TryAddScoped<ISettlementReferenceData, StoredSettlementReferenceData>();
        }

        // 事中智能审核 rule set for settlement (YIBAO_REVIEW_RULES; none by default).
        services.TryAddSingleton<Yibao.Infrastructure.Review.StoredReviewRuleCache>();
        services.TryAddSingleton<Yibao.Application.Review.IReviewRuleCache>(sp => sp.GetRequiredService<Yibao.Infrastructure.Review.StoredReviewRuleCache>());
        if (string.IsNullOrWhiteSpace(configuration["YIBAO_REVIEW_RULES"]))
        {
            // The stored rules, read through the request's own context (one per request).
            services.TryAddScoped<Yibao.Application.Review.IReviewRuleSource, Yibao.Infrastructure.Review.StoredReviewRuleSource>();
        }
        else
        {
            // The file named by YIBAO_REVIEW_RULES overrides the stored rules.
            services.TryAddSingleton<Yibao.Application.Review.IReviewRuleSource>(_ => new Yibao.Infrastructure.Review.FileReviewRuleSource(configuration));
        }

        services.AddScoped<Yibao.Application.Review.IReviewBatchReader, Yibao.Infrastructure.Review.ReviewBatchReader>();
        services.AddScoped<Yibao.Application.Review.IReviewFlagWriter, Yibao.Infrastructure.Review.ReviewFlagWriter>();
        services.AddScoped<Yibao.Application.Review.ReviewEvaluator>();
        services.AddScoped<Yibao.Application.Review.ImportReviewRulesHandler>();
        services.AddScoped<Yibao.Application.Review.ExportReviewRulesHandler>();
        services.AddScoped<Yibao.Application.Review.ListReviewRulesHandler>();
        services.AddScoped<Yibao.Application.Review.SaveReviewRuleHandler>();
        services.AddScoped<Yibao.Application.Review.ChangeReviewRuleStatusHandler>();
        services.AddScoped<Yibao.Application.Review.RunReviewHandler>();
        services.AddScoped<Yibao.Application.Review.TestReviewRulesHandler>();
        services.AddScoped<Yibao.Application.Review.SearchReviewFlagsHandler>();
        services.AddScoped<Yibao.Application.Review.DecideReviewFlagHandler>();
        services.AddScoped<Yibao.Application.Review.TransferReviewFlagHandler>();
        services.AddScoped<IPersonSettlementLock, PersonSettlementLock>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<IWriteTurns, SqliteWriteTurns>();
        }
        else
        {
            services.AddSingleton<IWriteTurns, NoWriteTurns>();
        }

        services.AddScoped<IInstitutionPaymentLock, InstitutionPaymentLock>();
        services.AddScoped<IdempotentRequests>();
        services.AddScoped<RegisterOutpatientHandler>();
        services.AddScoped<CancelOutpatientRegistrationHandler>();
        services.AddScoped<UploadFeeDetailsHandler>();
        services.AddScoped<CancelFeeDetailsHandler>();
        services.AddScoped<SettleOutpatientHandler>();
        services.AddScoped<CancelSettlementHandler>();
        services.AddScoped<GetSettlementHandler>();
        services.AddScoped<GetAccumulatorsHandler>();
        services.AddScoped<CheckTreatmentHandler>();
        services.AddScoped<ReverseTransactionHandler>();
        services.AddScoped<AdmitInpatientHandler>();
        services.AddScoped<CancelAdmissionHandler>();
        services.AddScoped<DischargeInpatientHandler>();
        services.AddScoped<CancelDischargeHandler>();
        services.AddScoped<SettleInpatientHandler>();
        services.AddScoped<CancelInpatientSettlementHandler>();
        services.AddScoped<GetAdmissionHandler>();
        services.AddScoped<ReconcileTotalsHandler>();
        services.AddScoped<ReconcileDetailsHandler>();
        services.AddScoped<SearchSettlementsHandler>();
        services.AddScoped<GetSettlementDetailHandler>();

        // 定点医药机构 (Institutions) and 基金财务 (Funds)
        services.AddScoped<Yibao.Application.Institutions.SearchInstitutionsHandler>();
        services.AddScoped<Yibao.Application.Institutions.SaveInstitutionHandler>();
        services.AddScoped<Yibao.Application.Funds.GetMonthlyStatementHandler>();
        services.AddScoped<Yibao.Application.Funds.RecordDisbursementHandler>();
        services.AddScoped<Yibao.Application.Funds.GenerateStatementsHandler>();
        services.AddScoped<Yibao.Application.Funds.ListStoredStatementsHandler>();
        services.AddScoped<Yibao.Application.Funds.GetTrialBalanceHandler>();
        services.AddScoped<Yibao.Application.OutOfArea.FileOutOfAreaHandler>();
        services.AddScoped<Yibao.Application.OutOfArea.CancelOutOfAreaFilingHandler>();
        services.AddScoped<Yibao.Application.OutOfArea.SearchFilingsHandler>();
        services.AddScoped<EnterManualReimbursementHandler>();
        services.AddScoped<ReviewManualReimbursementHandler>();
        services.AddScoped<ReverseManualReimbursementHandler>();
        services.AddScoped<RecordReimbursementRefundHandler>();
        services.AddScoped<SearchManualReimbursementsHandler>();

        // 医保目录 (Catalogs) and 待遇政策 (Policies)
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<PolicyCache>();
        services.AddScoped<ICatalogProvider, CatalogProvider>();
        services.AddScoped<IPolicyProvider, PolicyProvider>();
        services.AddScoped<ImportCatalogHandler>();
        services.AddScoped<ImportCodeTableHandler>();
        services.AddScoped<SearchCodeTableHandler>();
        services.AddScoped<SearchCatalogHandler>();
        services.AddScoped<GetCatalogItemHandler>();
        services.AddScoped<ListCatalogVersionsHandler>();
        services.AddScoped<SavePolicyVersionHandler>();
        services.AddScoped<ChangePolicyStatusHandler>();
        services.AddScoped<ClonePolicyToNextYearHandler>();
        services.AddScoped<PolicyQueriesHandler>();
        services.AddScoped<Yibao.Application.Budget.ImportBudgetHandler>();
        services.AddScoped<Yibao.Application.Budget.ReplaceBudgetDocumentHandler>();
        services.AddScoped<Yibao.Application.Budget.ChangeBudgetStatusHandler>();
        services.AddScoped<Yibao.Application.Budget.ListBudgetsHandler>();
        services.AddScoped<Yibao.Application.Budget.GetBudgetHandler>();
        services.AddScoped<Yibao.Application.Budget.BudgetCatalogs>();
        services.AddScoped<Yibao.Application.Budget.CreateBudgetHandler>();
        services.AddScoped<Yibao.Application.Budget.SaveBudgetDraftHandler>();
        services.AddScoped<Yibao.Application.Budget.LinkPriorYearHandler>();
        services.AddScoped<Yibao.Application.Budget.ImportBudgetTablesHandler>();
        services.AddScoped<Yibao.Application.Budget.ImportClassificationCatalogHandler>();
        services.AddScoped<Yibao.Application.Performance.GetPerformanceMetricsHandler>();
        services.AddScoped<Yibao.Application.Performance.SavePopulationBaselineHandler>();
        services.AddScoped<Yibao.Application.Performance.BindIndicatorHandler>();
        services.AddScoped<Yibao.Application.Performance.GetSelfEvaluationHandler>();
        services.AddScoped<Yibao.Application.Performance.SaveSelfEvaluationHandler>();
        services.AddScoped<Yibao.Application.Supervision.GetSupervisionPoliciesHandler>();
        services.AddScoped<Yibao.Application.Supervision.SaveSupervisionPolicyHandler>();
        services.AddScoped<Yibao.Application.Supervision.CreateInspectionPlanHandler>();
        services.AddScoped<Yibao.Application.Supervision.RecordInspectionHandler>();
        services.AddScoped<Yibao.Application.Supervision.AddInspectionFindingHandler>();
        services.AddScoped<Yibao.Application.Supervision.UploadEvidenceHandler>();
        services.AddScoped<Yibao.Application.Supervision.GetEvidenceHandler>();
        services.AddScoped<Yibao.Application.Supervision.OpenCaseHandler>();
        services.AddScoped<Yibao.Application.Supervision.AdvanceCaseHandler>();
        services.AddScoped<Yibao.Application.Supervision.DecideCaseHandler>();
        services.AddScoped<Yibao.Application.Supervision.RecordOutcomePaymentHandler>();
        services.AddScoped<Yibao.Application.Supervision.LiftSuspensionHandler>();
        services.AddScoped<Yibao.Application.Supervision.ReverseOutcomeHandler>();
        services.AddScoped<Yibao.Application.Supervision.LiftExpiredSuspensionsHandler>();
        services.AddScoped<Yibao.Application.Supervision.RegisterComplaintHandler>();
        services.AddScoped<Yibao.Application.Supervision.ResolveComplaintHandler>();
        services.AddScoped<Yibao.Application.Supervision.GrantComplaintRewardHandler>();
        services.AddScoped<Yibao.Application.Supervision.PayComplaintRewardHandler>();
        services.AddScoped<Yibao.Application.Supervision.InspectionQueriesHandler>();
        services.AddScoped<Yibao.Application.Supervision.CaseQueriesHandler>();
        services.AddScoped<Yibao.Application.Supervision.ComplaintQueriesHandler>();
        services.AddScoped<Yibao.Application.Supervision.GetSupervisionSummaryHandler>();
        services.AddScoped<Demo.CatalogPolicySeeder>();
        return services;
    }

    /// <summary>Password rules and lockout (DESIGN §7).</summary>
    public static void ConfigureIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 4;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = false;
        o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
        o.SignIn.RequireConfirmedAccount = false;
    }
}
