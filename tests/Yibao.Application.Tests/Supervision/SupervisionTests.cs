using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Application.Supervision;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Supervision;

public sealed class SupervisionTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Today = new(2026, 3, 2); // TestDatabase clock, China time

    private static Task<AppResult<T>> Run<T, THandler>(TestDatabase db, Func<THandler, Task<AppResult<T>>> call) where THandler : notnull =>
        db.InScopeAsync(sp => call(sp.GetRequiredService<THandler>()));

    private static string Errors<T>(AppResult<T> r) => string.Join("；", r.Errors.Select(e => e.Message));

    private static async Task<List<JournalLine>> LinesAsync(TestDatabase db, string account) =>
        await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().Where(l => l.AccountCode == account).ToListAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_line_ordered_by_a_suspended_practitioner_is_not_paid_by_the_funds(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var complaint = await Run<Complaint, RegisterComplaintHandler>(db, h => h.HandleAsync(new RegisterComplaint(Today.AddDays(-20), ComplaintChannel.Phone, "赵六", "13800001111", s.A.FixmedinsCode, "钱医生开大处方")));
        var opened = await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.Complaint, null, null, "大处方", FundCode.ResidentPool, 0m, Today.AddDays(-19), ComplaintId: complaint.Value!.Id)));
        var caseId = opened.Value!.Id;
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(caseId, CaseAction.File, Today.AddDays(-18), "线索具体")))).Succeeded.ShouldBeTrue();
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(caseId, CaseAction.Investigate, Today.AddDays(-17), "调取处方")))).Succeeded.ShouldBeTrue();
        var decided = await Run<SupervisionCase, DecideCaseHandler>(db, h => h.HandleAsync(new DecideCase(caseId, Today.AddDays(-10), "示医保稽〔2026〕2号", "大处方属实",
            0m, null, null, null, "钱医生", "D001", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30))));
        decided.Succeeded.ShouldBeTrue(Errors(decided));

        // Visit on 2025-06-10: the line ordered by D001 (suspended 06-01…06-30) becomes 全自费; D002's line is paid as usual.
        var view = await SettleAsync(db, s.A, s.PsnNo,
            Line("1", Amoxicillin, 2, 10m) with { BilgDrCodg = "D001" },
            Line("2", Amoxicillin, 1, 10m) with { BilgDrCodg = "D002" },
            Line("3", Amoxicillin, 1, 10m));
        view.Setlinfo["fulamt_ownpay_amt"].ShouldBe(20m);
        view.Explanation.ShouldContain(x => x.Contains("开单医师 钱医生（D001）的医保服务资格在 2025-06-01 至 2025-06-30 暂停", StringComparison.Ordinal) && x.Contains(opened.Value.CaseNo, StringComparison.Ordinal));
        view.Explanation.ShouldContain(x => x.StartsWith("智能审核（事中", StringComparison.Ordinal) && x.Contains("明确违规 1 条明细转全自费", StringComparison.Ordinal));

        // Overturned on appeal: the practitioner's lines are paid again.
        var outcome = decided.Value!.Outcomes.Single(o => o.Kind == OutcomeKind.PractitionerSuspension);
        (await Run<CaseOutcome, ReverseOutcomeHandler>(db, h => h.HandleAsync(new ReverseOutcome(outcome.Id, Today, "申诉成立")))).Succeeded.ShouldBeTrue();
        var again = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 2, 10m) with { BilgDrCodg = "D001" });
        again.Setlinfo["fulamt_ownpay_amt"].ShouldBe(0m);

        // The code is at most 30 characters, with a Chinese error naming the field.
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(s.A, new RegisterOutpatient(s.PsnNo, "390", "11", Visit)));
        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(s.A,
            new UploadFeeDetails(r.Value!.MdtrtId, [Line("1", Amoxicillin, 1, 10m) with { BilgDrCodg = new string('D', 31) }])));
        bad.Errors.Single().Message.ShouldBe("开单医师编码 bilg_dr_codg：不能超过 30 个字符");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Complaint_to_case_decision_posts_balanced_receivables_suspends_the_institution_and_payments_reward_and_summary_follow(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        db.User.UserName = "auditor1";

        // 举报 → 线索 (case) → 立案 → 调查.
        var complaint = await Run<Complaint, RegisterComplaintHandler>(db, h => h.HandleAsync(new RegisterComplaint(Today.AddDays(-20), ComplaintChannel.Phone, "赵六", "13800001111", s.A.FixmedinsCode, "该院虚记住院床位费")));
        complaint.Succeeded.ShouldBeTrue(Errors(complaint));
        complaint.Value!.ComplaintNo.ShouldBe("JB20260001");
        var opened = await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.Complaint, null, null, "虚记床位费", FundCode.ResidentPool, 0m, Today.AddDays(-19), ComplaintId: complaint.Value.Id)));
        opened.Succeeded.ShouldBeTrue(Errors(opened));
        var caseId = opened.Value!.Id;
        opened.Value.CaseNo.ShouldBe("JC20260001");
        opened.Value.SourceRef.ShouldBe("JB20260001");
        opened.Value.InstitutionId.ShouldBe(s.A.InstitutionId);
        (await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.Complaint, null, null, "再次", FundCode.ResidentPool, 0m, Today, ComplaintId: complaint.Value.Id))))
            .Errors.Single().Code.ShouldBe("complaint-not-open");

        Task<AppResult<SupervisionCase>> Step(CaseAction a, DateOnly d, string reason) => Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(caseId, a, d, reason)));
        (await Step(CaseAction.Investigate, Today.AddDays(-18), "x")).Errors.Single().Message.ShouldBe("开始调查：案件当前状态为“线索”，不能开始调查（当前可办理：立案、不予立案）");
        (await Step(CaseAction.File, Today.AddDays(-18), "举报线索具体")).Succeeded.ShouldBeTrue();
        (await Step(CaseAction.Investigate, Today.AddDays(-17), "调取病历与费用明细")).Succeeded.ShouldBeTrue();

        // A multiple outside the policy is refused and nothing is written.
        Task<AppResult<SupervisionCase>> Decide(DecideCase c) => Run<SupervisionCase, DecideCaseHandler>(db, h => h.HandleAsync(c));
        var decision = new DecideCase(caseId, Today.AddDays(-10), "示医保稽〔2026〕1号", "虚记床位费属实", 555.50m, 2m, Today.AddDays(-10), Today.AddDays(80), "钱医生", "D001", Today.AddDays(-10), Today.AddDays(170));
        (await Decide(decision with { PenaltyMultiple = 6m })).Errors.Single().Message.ShouldBe("违约金倍数：须在 1–5 倍之间（稽核政策参数）");
        (await Decide(decision with { RecoveryAmount = 0m, SuspendFrom = null, SuspendTo = null, PractitionerName = null, PractitionerCode = null, PractitionerFrom = null, PractitionerTo = null, PenaltyMultiple = null }))
            .Errors.Single().Message.ShouldBe("处理结果：至少须有追回、违约金、暂停协议或暂停医保医师之一");
        (await Decide(decision with { SuspendTo = null })).Errors.Single().Message.ShouldBe("暂停协议结束日期：暂停协议须填写起止日期");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SupervisionCases.AsNoTracking().SingleAsync(c => c.Id == caseId))).Status.ShouldBe(CaseStatus.Investigating);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Institutions.AsNoTracking().SingleAsync(i => i.Id == s.A.InstitutionId))).Status.ShouldBe(AgreementStatus.Active);

        var decided = await Decide(decision);
        decided.Succeeded.ShouldBeTrue(Errors(decided));
        var outcomes = decided.Value!.Outcomes;
        outcomes.Single(o => o.Kind == OutcomeKind.Recovery).Amount.ShouldBe(555.50m);
        outcomes.Single(o => o.Kind == OutcomeKind.Penalty).Amount.ShouldBe(1111.00m);
        outcomes.Single(o => o.Kind == OutcomeKind.PractitionerSuspension).PractitionerName.ShouldBe("钱医生");

        // Ledger: receivable from the institution against the fund, balanced.
        await AssertLedgerBalancedAsync(db);
        var receivable = await LinesAsync(db, LedgerAccounts.SupervisionReceivable);
        receivable.Where(l => l.InstitutionId == s.A.InstitutionId && l.Fund == FundCode.ResidentPool).Sum(l => l.Debit - l.Credit).ShouldBe(1666.50m);
        (await LinesAsync(db, LedgerAccounts.BenefitExpense)).Sum(l => l.Credit - l.Debit).ShouldBe(555.50m);
        (await LinesAsync(db, LedgerAccounts.PenaltyIncome)).Sum(l => l.Credit - l.Debit).ShouldBe(1111.00m);

        // Suspension: the institution is 暂停 and the settlement service refuses it; B still settles.
        var inst = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Institutions.AsNoTracking().SingleAsync(i => i.Id == s.A.InstitutionId));
        inst.Status.ShouldBe(AgreementStatus.Suspended);
        inst.StatusReason.ShouldBe($"稽核处理决定 示医保稽〔2026〕1号（JC20260001）：暂停协议 {Today.AddDays(-10):yyyy-MM-dd} 至 {Today.AddDays(80):yyyy-MM-dd}");
        var refused = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(s.A, new RegisterOutpatient(s.PsnNo, "390", "11", Visit)));
        refused.Errors.Single().Code.ShouldBe(SettlementErrors.InstitutionSuspended);
        (await SettleAsync(db, s.B, s.PsnNo, Line("1", Amoxicillin, 1, 12.5m))).Status.ShouldBe("1");

        // Closing before payment is refused; 财务 records both payments; a payment twice is refused.
        (await Step(CaseAction.Close, Today, "执行完毕")).Errors.Single().Code.ShouldBe("outcomes-unpaid");
        db.User.UserName = "finance1";
        Task<AppResult<CaseOutcome>> Pay(long outcomeId, string no, DateOnly? on = null) => Run<CaseOutcome, RecordOutcomePaymentHandler>(db, h => h.HandleAsync(new RecordOutcomePayment(outcomeId, on ?? Today, no)));
        var rec = outcomes.Single(o => o.Kind == OutcomeKind.Recovery);
        var pen = outcomes.Single(o => o.Kind == OutcomeKind.Penalty);
        (await Pay(rec.Id, "JK-1", Today.AddDays(-11))).Errors.Single().Message.ShouldBe($"到账日期：不能早于处理决定日期 {Today.AddDays(-10):yyyy-MM-dd}");
        (await Pay(rec.Id, "JK-1")).Succeeded.ShouldBeTrue();
        (await Pay(rec.Id, "JK-9")).Errors.Single().Code.ShouldBe("already-paid");
        (await Pay(pen.Id, "JK-1")).Errors.Single().Code.ShouldBe(SupervisionErrors.DuplicateNo);
        (await Pay(outcomes.Single(o => o.Kind == OutcomeKind.InstitutionSuspension).Id, "JK-3")).Errors.Single().Message.ShouldBe("到账登记：只有追回款和违约金需要登记到账");
        (await Pay(pen.Id, "JK-2")).Value!.PaidRecordedBy.ShouldBe("finance1");
        receivable = await LinesAsync(db, LedgerAccounts.SupervisionReceivable);
        receivable.Sum(l => l.Debit - l.Credit).ShouldBe(0m);
        (await LinesAsync(db, LedgerAccounts.BankIncome)).Where(l => l.Fund == FundCode.ResidentPool).Sum(l => l.Debit - l.Credit).ShouldBe(1666.50m);
        await AssertLedgerBalancedAsync(db);

        // Lifting the suspension lets A settle again; then the case closes.
        db.User.UserName = "auditor1";
        (await Run<CaseOutcome, LiftSuspensionHandler>(db, h => h.HandleAsync(new LiftSuspension(outcomes.Single(o => o.Kind == OutcomeKind.InstitutionSuspension).Id, Today)))).Succeeded.ShouldBeTrue();
        (await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 1, 12.5m))).Status.ShouldBe("1");
        (await Step(CaseAction.Close, Today, "追回款、违约金已缴清")).Succeeded.ShouldBeTrue();
        var detail = await db.InScopeAsync(sp => sp.GetRequiredService<CaseQueriesHandler>().GetAsync(caseId));
        detail!.Case.Steps.Select(x => (x.Action, x.StepBy)).ShouldBe([(CaseAction.File, "auditor1"), (CaseAction.Investigate, "auditor1"), (CaseAction.Decide, "auditor1"), (CaseAction.Close, "auditor1")]);
        detail.Complaints.Single().ComplaintNo.ShouldBe("JB20260001");

        // 举报奖励: 555.50 × 6% = 33.33 → floor 200; paid once with a balanced entry.
        var granted = await Run<Complaint, GrantComplaintRewardHandler>(db, h => h.HandleAsync(new GrantComplaintReward(complaint.Value.Id, Today)));
        granted.Succeeded.ShouldBeTrue(Errors(granted));
        granted.Value!.RewardAmount.ShouldBe(200m);
        granted.Value.RewardBase.ShouldBe(555.50m);
        (await Run<Complaint, GrantComplaintRewardHandler>(db, h => h.HandleAsync(new GrantComplaintReward(complaint.Value.Id, Today)))).Errors.Single().Code.ShouldBe("reward-already-granted");
        (await Run<Complaint, PayComplaintRewardHandler>(db, h => h.HandleAsync(new PayComplaintReward(complaint.Value.Id, Today, "FK-1")))).Succeeded.ShouldBeTrue();
        (await Run<Complaint, PayComplaintRewardHandler>(db, h => h.HandleAsync(new PayComplaintReward(complaint.Value.Id, Today, "FK-2")))).Errors.Single().Code.ShouldBe("reward-already-paid");
        (await LinesAsync(db, LedgerAccounts.ComplaintRewardExpense)).Sum(l => l.Debit).ShouldBe(200m);
        await AssertLedgerBalancedAsync(db);

        // Annual summary.
        var sum = await db.InScopeAsync(sp => sp.GetRequiredService<GetSupervisionSummaryHandler>().HandleAsync(new GetSupervisionSummary(2026)));
        sum.InBreach.ShouldBe(new SplitCount(1, 0));
        sum.Recovered.ShouldBe(555.50m);
        sum.Penalty.ShouldBe(1111.00m);
        sum.Paid.ShouldBe(1666.50m);
        sum.CasesFiled.ShouldBe(1);
        sum.CasesClosed.ShouldBe(1);
        sum.Complaints.ShouldBe(1);
        sum.RewardsPaidAmount.ShouldBe(200m);
        sum.InstitutionsSuspended.ShouldBe(1);
        sum.PractitionersSuspended.ShouldBe(1);
        GetSupervisionSummaryHandler.Narrative(sum).ShouldContain("查处存在违规行为的定点医疗机构 1 家、定点零售药店 0 家，追回医保基金 0.06 万元，违约金 0.11 万元，已全部到账");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Inspection_plan_findings_evidence_and_a_case_from_a_finding_with_an_edited_policy(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var s = await SeedAsync(db);
        var pharmacy = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var p = new Institution { Code = "P13012300001", Name = "示范县康宁大药房", Type = InstitutionType.Pharmacy, PoolAreaCode = "130123" };
            ctx.Institutions.Add(p);
            await ctx.SaveChangesAsync();
            return p;
        });

        Task<AppResult<InspectionPlan>> Plan(CreateInspectionPlan c) => Run<InspectionPlan, CreateInspectionPlanHandler>(db, h => h.HandleAsync(c));
        var good = new CreateInspectionPlan("2026 年打击欺诈骗保专项检查", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "住院费用、药品进销存", "张三、李四", [s.A.FixmedinsCode, pharmacy.Code]);
        (await Plan(good with { Inspectors = "张三", InstitutionCodes = ["NOPE"] })).Errors.Single().Message.ShouldBe("检查人员：现场检查至少需要两名检查人员，用“、”分隔");
        (await Plan(good with { InstitutionCodes = ["NOPE"] })).Errors.Single().Message.ShouldBe("检查对象：定点医药机构编号 NOPE 不存在");
        (await Plan(good with { PeriodTo = new DateOnly(2024, 1, 1) })).Errors.Single().Message.ShouldBe("检查期间：结束日期不能早于开始日期");
        var plan = await Plan(good);
        plan.Succeeded.ShouldBeTrue(Errors(plan));
        plan.Value!.PlanNo.ShouldBe("JH20260001");
        var inspectionA = plan.Value.Inspections.Single(i => i.InstitutionId == s.A.InstitutionId).Id;

        (await Run<InspectionFinding, AddInspectionFindingHandler>(db, h => h.HandleAsync(new AddInspectionFinding(inspectionA, "串换项目", 100m, FundCode.ResidentPool)))).Errors.Single().Code.ShouldBe("inspection-not-done");
        (await Run<Inspection, RecordInspectionHandler>(db, h => h.HandleAsync(new RecordInspection(inspectionA, Today.AddDays(1), null, "x")))).Errors.Single().Message.ShouldBe("检查日期：不能晚于今天");
        var done = await Run<Inspection, RecordInspectionHandler>(db, h => h.HandleAsync(new RecordInspection(inspectionA, Today.AddDays(-5), null, "发现串换项目")));
        done.Value!.Inspectors.ShouldBe("张三、李四");
        (await Run<InspectionFinding, AddInspectionFindingHandler>(db, h => h.HandleAsync(new AddInspectionFinding(inspectionA, "", -1m, FundCode.ResidentPool)))).Errors.Select(e => e.Message)
            .ShouldBe(["问题描述：不能为空", "涉及金额：不能为负数"], ignoreOrder: true);
        var finding = await Run<InspectionFinding, AddInspectionFindingHandler>(db, h => h.HandleAsync(new AddInspectionFinding(inspectionA, "串换诊疗项目 12 人次", 2400m, FundCode.ResidentPool)));
        finding.Value!.Seq.ShouldBe(1);

        // Evidence files: stored in the database with SHA-256; empty, duplicate and orphan files are refused; download checks the hash.
        var bytes = "现场检查笔录"u8.ToArray();
        Task<AppResult<EvidenceInfo>> Upload(long? inspection, long? caseId, byte[] content) =>
            Run<EvidenceInfo, UploadEvidenceHandler>(db, h => h.HandleAsync(new UploadEvidence(inspection, caseId, "笔录.txt", "text/plain", content, "现场笔录")));
        var up = await Upload(inspectionA, null, bytes);
        up.Succeeded.ShouldBeTrue(Errors(up));
        up.Value!.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        (await Upload(inspectionA, null, bytes)).Errors.Single().Code.ShouldBe("duplicate-evidence");
        (await Upload(inspectionA, null, [])).Errors.Single().Message.ShouldBe("文件：不能是空文件");
        (await Upload(null, null, bytes)).Errors.Single().Message.ShouldBe("证据材料：须属于一次现场检查或一个案件");
        (await Run<EvidenceFile, GetEvidenceHandler>(db, h => h.HandleAsync(up.Value.Id))).Value!.Content.ShouldBe(bytes);

        // A case from the finding takes the institution, amount and fund of the finding; the finding cannot open a second case.
        var opened = await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.InspectionFinding, null, null, "串换诊疗项目", FundCode.EmployeePool, 0m, Today, FindingId: finding.Value.Id)));
        opened.Succeeded.ShouldBeTrue(Errors(opened));
        opened.Value!.SourceRef.ShouldBe("JH20260001-H13012300001-1");
        opened.Value.LeadAmount.ShouldBe(2400m);
        opened.Value.Fund.ShouldBe(FundCode.ResidentPool);
        (await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.InspectionFinding, null, null, "再次", FundCode.ResidentPool, 0m, Today, FindingId: finding.Value.Id))))
            .Errors.Single().Code.ShouldBe("already-linked");
        var detail = await db.InScopeAsync(sp => sp.GetRequiredService<InspectionQueriesHandler>().GetAsync(plan.Value.Id));
        detail!.Inspections.Single(i => i.Institution.Id == s.A.InstitutionId).FindingCaseNos[finding.Value.Id].ShouldBe(opened.Value.CaseNo);

        // The review-flag seam: SourceType=ReviewFlag with the flag id; one case per flag. A manual lead needs a source reference.
        (await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.ReviewFlag, "FLAG-77", pharmacy.Code, "超量开药疑点", FundCode.ResidentPool, 88m, Today)))).Succeeded.ShouldBeTrue();
        (await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.ReviewFlag, "FLAG-77", pharmacy.Code, "超量开药疑点", FundCode.ResidentPool, 88m, Today)))).Errors.Single().Code.ShouldBe("already-linked");
        (await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.Manual, null, pharmacy.Code, "上级交办", FundCode.ResidentPool, 0m, Today))))
            .Errors.Single().Message.ShouldBe("来源编号：手工录入须填写来文号等来源编号，智能审核疑点须填写疑点编号");

        // Policy edited: 违约金 3–4 倍; the decision uses the version in force on its date.
        var policy = await Run<SupervisionPolicy, SaveSupervisionPolicyHandler>(db, h => h.HandleAsync(new SaveSupervisionPolicy(new DateOnly(2026, 1, 1), 3m, 4m, 3m, "1000 10%\n以上 5%", 50m, 1000m, "试行")));
        policy.Succeeded.ShouldBeTrue(Errors(policy));
        (await Run<SupervisionPolicy, SaveSupervisionPolicyHandler>(db, h => h.HandleAsync(new SaveSupervisionPolicy(new DateOnly(2026, 1, 1), 3m, 2m, 3m, "1000 10%", 50m, 1000m, null))))
            .Errors.Select(e => e.Message).ShouldBe(["违约金最高倍数：不能小于最低倍数", "违约金默认倍数：须在最低倍数与最高倍数之间", "举报奖励档次第 1 行：最后一档须写“以上 比例%”"]);
        var caseId = opened.Value.Id;
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(caseId, CaseAction.File, Today, "检查发现")))).Succeeded.ShouldBeTrue();
        (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(caseId, CaseAction.Investigate, Today, "约谈")))).Succeeded.ShouldBeTrue();
        (await Run<SupervisionCase, DecideCaseHandler>(db, h => h.HandleAsync(new DecideCase(caseId, Today, "决定 2 号", "属实", 2400m, 2m)))).Errors.Single().Message.ShouldBe("违约金倍数：须在 3–4 倍之间（稽核政策参数）");
        var d = await Run<SupervisionCase, DecideCaseHandler>(db, h => h.HandleAsync(new DecideCase(caseId, Today, "决定 2 号", "属实", 2400m, 3.5m)));
        d.Value!.Outcomes.Single(o => o.Kind == OutcomeKind.Penalty).Amount.ShouldBe(8400m);
        await AssertLedgerBalancedAsync(db);

        var sum = await db.InScopeAsync(sp => sp.GetRequiredService<GetSupervisionSummaryHandler>().HandleAsync(new GetSupervisionSummary(2026)));
        sum.Inspected.ShouldBe(new SplitCount(1, 0));
        sum.Designated.ShouldBe(new SplitCount(2, 1));
        sum.Coverage.ShouldBe(33.33m);
        sum.Findings.ShouldBe(1);
        sum.FindingAmount.ShouldBe(2400m);
        sum.Leads.ShouldBe(2);
        sum.Outstanding.ShouldBe(10800m);
        GetSupervisionSummaryHandler.ToRows(sum).ShouldContain(r => (string)r["指标"]! == "违约金" && (decimal)r["合计"]! == 8400m);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Complaints_are_linked_or_rejected_anonymous_ones_get_no_reward_and_large_rewards_follow_the_tiers(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var s = await SeedAsync(db);
        Task<AppResult<Complaint>> Register(string? name) => Run<Complaint, RegisterComplaintHandler>(db, h => h.HandleAsync(new RegisterComplaint(Today, ComplaintChannel.Online, name, null, s.A.FixmedinsCode, "挂床住院")));
        (await Run<Complaint, RegisterComplaintHandler>(db, h => h.HandleAsync(new RegisterComplaint(Today, ComplaintChannel.Phone, "甲", "12ab", "NOPE", ""))))
            .Errors.Select(e => e.Message).ShouldBe(["举报内容：不能为空", "联系电话：须为 7–20 位数字"], ignoreOrder: true);
        var named = (await Register("褚举报")).Value!;
        var anonymous = (await Register(null)).Value!;
        var rejected = (await Register("卫某")).Value!;

        var opened = await Run<SupervisionCase, OpenCaseHandler>(db, h => h.HandleAsync(new OpenCase(CaseSourceType.Complaint, null, null, "挂床住院", FundCode.ResidentPool, 300_000m, Today, ComplaintId: named.Id)));
        var caseId = opened.Value!.Id;
        (await Run<Complaint, ResolveComplaintHandler>(db, h => h.HandleAsync(new ResolveComplaint(anonymous.Id, null, "JC20269999")))).Errors.Single().Message.ShouldBe("案件编号：JC20269999 不存在");
        (await Run<Complaint, ResolveComplaintHandler>(db, h => h.HandleAsync(new ResolveComplaint(anonymous.Id, null, opened.Value.CaseNo)))).Value!.Status.ShouldBe(ComplaintStatus.Linked);
        (await Run<Complaint, ResolveComplaintHandler>(db, h => h.HandleAsync(new ResolveComplaint(rejected.Id, null, null)))).Errors.Single().Message.ShouldBe("处理方式：请填写并案的案件编号，或不予受理的理由");
        (await Run<Complaint, ResolveComplaintHandler>(db, h => h.HandleAsync(new ResolveComplaint(rejected.Id, "不属于医保基金监管范围", null)))).Value!.Status.ShouldBe(ComplaintStatus.Rejected);

        (await Run<Complaint, GrantComplaintRewardHandler>(db, h => h.HandleAsync(new GrantComplaintReward(named.Id, Today)))).Errors.Single().Code.ShouldBe("case-not-decided");
        foreach (var a in new[] { CaseAction.File, CaseAction.Investigate })
        {
            (await Run<SupervisionCase, AdvanceCaseHandler>(db, h => h.HandleAsync(new AdvanceCase(caseId, a, Today, "x")))).Succeeded.ShouldBeTrue();
        }

        (await Run<SupervisionCase, DecideCaseHandler>(db, h => h.HandleAsync(new DecideCase(caseId, Today, "决定 9 号", "属实", 300_000m, null)))).Succeeded.ShouldBeTrue();
        (await Run<Complaint, GrantComplaintRewardHandler>(db, h => h.HandleAsync(new GrantComplaintReward(anonymous.Id, Today)))).Errors.Single().Code.ShouldBe("anonymous-reporter");
        (await Run<Complaint, PayComplaintRewardHandler>(db, h => h.HandleAsync(new PayComplaintReward(named.Id, Today, "FK-9")))).Errors.Single().Code.ShouldBe("reward-not-granted");
        // 100000 × 6% + 200000 × 4% = 14000 元 under the default tiers.
        (await Run<Complaint, GrantComplaintRewardHandler>(db, h => h.HandleAsync(new GrantComplaintReward(named.Id, Today)))).Value!.RewardAmount.ShouldBe(14_000m);
        var sum = await db.InScopeAsync(sp => sp.GetRequiredService<GetSupervisionSummaryHandler>().HandleAsync(new GetSupervisionSummary(2026)));
        sum.Complaints.ShouldBe(3);
        sum.ComplaintsLinked.ShouldBe(2);
        sum.RewardsGrantedAmount.ShouldBe(14_000m);
        sum.RewardsPaid.ShouldBe(0);
        sum.Penalty.ShouldBe(0m);
    }
}
