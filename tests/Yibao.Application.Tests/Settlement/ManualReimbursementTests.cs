using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.OutOfArea;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Application.Tests.OutOfArea;
using Yibao.Domain.Funds;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

public sealed class ManualReimbursementTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static EnterManualReimbursement Bill(string psnNo, string invoice, DateOnly begin, DateOnly end) => new(
        psnNo, "390", "21", "北京朝阳医院", OutOfAreaFilingTests.Away, 3, begin, end, "I10", "高血压", null, invoice, 10300m,
        [
            new ManualLineInput("001102000010000", "普通床位费（三人间）", 10, 30m, 300m),
            new ManualLineInput("XJ01CAA040A001010100001", "阿莫西林胶囊", 4, 12.5m, 50m),
            new ManualLineInput("002503010010000", "血细胞分析（血常规）", 20, 150m, 3000m),
            new ManualLineInput(null, "手术费（发票分类合计）", 1, 6950m, 6950m),
        ],
        "王五", "中国农业银行示范县支行", "6228480012345678901");

    private static Task<Yibao.Application.Common.AppResult<ManualReimbursement>> EnterAsync(TestDatabase db, EnterManualReimbursement c) =>
        db.InScopeAsync(sp => sp.GetRequiredService<EnterManualReimbursementHandler>().HandleAsync(c));

    private static Task<Yibao.Application.Common.AppResult<ManualReimbursement>> ReviewAsync(TestDatabase db, long id, bool approve, string? reason = null) =>
        db.InScopeAsync(sp => sp.GetRequiredService<ReviewManualReimbursementHandler>().HandleAsync(new ReviewManualReimbursement(id, approve, reason)));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Entered_bill_is_computed_pending_and_a_different_reviewer_approves_with_balanced_payment_and_accumulators(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var (psn, personId) = await OutOfAreaFilingTests.PersonAsync(db);
        db.User.UserId = "clerk-1";
        db.User.UserName = "clerk";

        // Unfiled 异地 inpatient bill vs the same bill under a valid filing: the filed branch pays more.
        var unfiled = await EnterAsync(db, Bill(psn, "INV-001", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 11)));
        unfiled.Succeeded.ShouldBeTrue(string.Join("；", unfiled.Errors.Select(e => e.Message)));
        unfiled.Value!.Place.ShouldBe(Place.Unfiled);
        unfiled.Value.Status.ShouldBe(ReimbursementStatus.Pending);
        unfiled.Value.SchemeName.ShouldContain("异地未备案");
        unfiled.Value.ExplanationJson.ShouldContain("异地未备案");
        unfiled.Value.FulamtOwnpayAmt.ShouldBeGreaterThanOrEqualTo(6950m); // the line without a code is 全自费 with the reason, not dropped
        unfiled.Value.LinesJson.ShouldContain("不在医保目录");

        var filing = await db.InScopeAsync(sp => sp.GetRequiredService<FileOutOfAreaHandler>().HandleAsync(OutOfAreaFilingTests.Filing(psn, "1", new DateOnly(2025, 4, 1), new DateOnly(2025, 12, 31))));
        filing.Succeeded.ShouldBeTrue(string.Join("；", filing.Errors.Select(e => e.Message)));
        var filed = await EnterAsync(db, Bill(psn, "INV-002", new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 11)));
        filed.Succeeded.ShouldBeTrue(string.Join("；", filed.Errors.Select(e => e.Message)));
        filed.Value!.Place.ShouldBe(Place.Filed);
        filed.Value.FilingNo.ShouldBe(filing.Value!.FilingNo);
        filed.Value.HifpPay.ShouldBeGreaterThan(unfiled.Value.HifpPay);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonAccumulators.CountAsync())).ShouldBe(0);

        // Duplicate invoice for the same person is refused while the first is pending or approved.
        var dup = await EnterAsync(db, Bill(psn, "INV-002", new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 11)));
        dup.Errors.Single().Code.ShouldBe(ReimbursementErrors.DuplicateInvoice);
        dup.Errors.Single().Field.ShouldBe("invoice_no");

        // The entering clerk cannot approve his own.
        var self = await ReviewAsync(db, filed.Value.Id, approve: true);
        self.Errors.Single().Code.ShouldBe(ReimbursementErrors.SelfReview);

        db.User.UserId = "reviewer-1";
        db.User.UserName = "reviewer";
        var approved = await ReviewAsync(db, filed.Value.Id, approve: true);
        approved.Succeeded.ShouldBeTrue(string.Join("；", approved.Errors.Select(e => e.Message)));
        approved.Value!.Status.ShouldBe(ReimbursementStatus.Approved);
        approved.Value.ReviewedBy.ShouldBe("reviewer");
        approved.Value.FundPaySumamt.ShouldBe(approved.Value.MedfeeSumamt - approved.Value.PsnPartAmt);
        var twice = await ReviewAsync(db, filed.Value.Id, approve: true);
        twice.Errors.Single().Code.ShouldBe(ReimbursementErrors.NotPending);

        var lines = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().ToListAsync());
        foreach (var fund in lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit));
        }

        lines.Where(l => l.AccountCode == LedgerAccounts.BankExpenditure).Sum(l => l.Credit).ShouldBe(approved.Value.FundPaySumamt);
        lines.Where(l => l.AccountCode == LedgerAccounts.BenefitExpense).Sum(l => l.Debit).ShouldBe(approved.Value.FundPaySumamt);
        var acc = await db.InScopeAsync(sp => sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(psn, 2025)));
        acc.Value!.CumInfo.ShouldNotBeEmpty();
        var accRow = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonAccumulators.AsNoTracking().SingleAsync(a => a.PersonId == personId));
        accRow.ValuesJson.ShouldBe(approved.Value.AccumulatorsAfterJson);

        // Rejection needs a reason; a rejected invoice may be entered again.
        var noReason = await ReviewAsync(db, unfiled.Value.Id, approve: false, " ");
        noReason.Errors.Single().Field.ShouldBe("reason");
        var rejected = await ReviewAsync(db, unfiled.Value.Id, approve: false, "发票与病历不符");
        rejected.Value!.Status.ShouldBe(ReimbursementStatus.Rejected);
        db.User.UserId = "clerk-1";
        var reentered = await EnterAsync(db, Bill(psn, "INV-001", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 11)));
        reentered.Succeeded.ShouldBeTrue(string.Join("；", reentered.Errors.Select(e => e.Message)));

        var list = await db.InScopeAsync(sp => sp.GetRequiredService<SearchManualReimbursementsHandler>().HandleAsync(new SearchManualReimbursements(psn)));
        list.TotalCount.ShouldBe(3);
        list.Items.ShouldAllBe(r => r.BankAccountMasked.EndsWith("8901") && r.BankAccountMasked.StartsWith('*'));
        var export = await db.InScopeAsync(sp => sp.GetRequiredService<SearchManualReimbursementsHandler>().ExportAsync(new SearchManualReimbursements(Status: "2")));
        export.Single()["报销单号"].ShouldBe(approved.Value.ReimbNo);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bad_bills_are_refused_with_the_field_and_nothing_is_written(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var (psn, _) = await OutOfAreaFilingTests.PersonAsync(db);
        var good = Bill(psn, "INV-9", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 11));

        (await EnterAsync(db, good with { MedfeeSumamt = 7000m })).Errors.ShouldContain(e => e.Field == "medfee_sumamt" && e.Message.Contains("不一致"));
        (await EnterAsync(db, good with { Lines = [new ManualLineInput(null, "床位费", -1, 30m, -30m)], MedfeeSumamt = 1m })).Errors.ShouldContain(e => e.Field == "lines" && e.Message.Contains("数量"));
        (await EnterAsync(db, good with { Lines = [new ManualLineInput(null, "床位费", 2, 30m, 70m)], MedfeeSumamt = 70m })).Errors.ShouldContain(e => e.Field == "lines" && e.Message.Contains("金额"));
        (await EnterAsync(db, good with { BankAccountNo = "12ab" })).Errors.ShouldContain(e => e.Field == "bank_account_no");
        (await EnterAsync(db, good with { EndDate = new DateOnly(2025, 2, 1) })).Errors.ShouldContain(e => e.Field == "endtime");
        (await EnterAsync(db, good with { InstitutionAreaCode = "12" })).Errors.ShouldContain(e => e.Field == "mdtrtarea_admdvs");
        (await EnterAsync(db, good with { BeginDate = new DateOnly(2024, 5, 1), EndDate = new DateOnly(2024, 5, 3) })).Errors.ShouldContain(e => e.Field == "begntime");
        (await EnterAsync(db, good with { PsnNo = "NOBODY" })).Errors.Single().Code.ShouldBe("person-not-found");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ManualReimbursements.CountAsync())).ShouldBe(0);
        (await ReviewAsync(db, 999, approve: true)).Errors.Single().Code.ShouldBe(ReimbursementErrors.NotFound);
    }
}
