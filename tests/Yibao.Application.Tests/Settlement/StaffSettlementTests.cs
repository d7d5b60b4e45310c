using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Settlement;

public sealed class StaffSettlementTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reviewer_cancels_any_institutions_settlement_with_a_reason_reversing_postings_and_restoring_accumulators(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var first = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 4, 12.5m));
        var accBefore = await db.InScopeAsync(sp => sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(s.PsnNo, 2025)));
        var v = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 8, 12.5m), Line("2", "UNKNOWN-ITEM", 1, 10m));
        db.User.UserName = "reviewer1";

        // A reason is required; nothing changes without one.
        var noReason = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement(v.SetlId!, "  ")));
        noReason.Errors.Single().Message.ShouldBe("撤销原因：不能为空");
        var unknown = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement("S-NONE", "重复结算")));
        unknown.Errors.Single().Code.ShouldBe(SettlementErrors.SettlementNotFound);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.CountAsync(x => x.Status == SettlementStatus.Cancelled))).ShouldBe(0);

        var cancel = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement(v.SetlId!, "重复结算")));
        cancel.Succeeded.ShouldBeTrue(string.Join("；", cancel.Errors.Select(e => e.Message)));
        cancel.Value!.Status.ShouldBe("0");

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync(x => x.SetlId == v.SetlId));
        stored.Status.ShouldBe(SettlementStatus.Cancelled);
        stored.CancelledBy.ShouldBe("reviewer1");
        stored.CancelReason!.ShouldContain("重复结算");
        stored.ReversalJournalEntryId.ShouldNotBeNull();
        var audit = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(SettlementRecord) && a.UserName == "reviewer1").ToListAsync());
        audit.ShouldContain(a => a.After != null && a.After.Contains("重复结算"));

        // Accumulators are back to what they were after the first settlement; the encounter is open again; the payable nets out.
        var accAfter = await db.InScopeAsync(sp => sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(s.PsnNo, 2025)));
        accAfter.Value!.CumInfo.ShouldBe(accBefore.Value!.CumInfo);
        var payable = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking()
            .Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable && l.InstitutionId == s.A.InstitutionId).ToListAsync());
        payable.Sum(l => l.Credit - l.Debit).ShouldBe(first.Setlinfo["fund_pay_sumamt"] + first.Setlinfo["acct_pay"]);
        await AssertLedgerBalancedAsync(db);

        var again = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement(v.SetlId!, "再次撤销")));
        again.Errors.Single().Code.ShouldBe(SettlementErrors.AlreadyCancelled);

        // The detail shows both entries and the history.
        var detail = await db.InScopeAsync(sp => sp.GetRequiredService<GetSettlementDetailHandler>().HandleAsync(v.SetlId!, showFullId: false));
        detail.ShouldNotBeNull();
        detail.Entries.Count.ShouldBe(2);
        detail.Entries[1].ReversesEntryId.ShouldBe(detail.Entries[0].Id);
        detail.Fields.Single(f => f.Code == "medfee_sumamt").Value.ShouldBe(110m);
        detail.Lines.Count.ShouldBe(2);
        detail.Explanation.ShouldNotBeEmpty();
        detail.Accumulators.ShouldNotBeEmpty();
        detail.Certno.ShouldContain("*");
        detail.PersonName.ShouldBe("王五");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_filters_by_person_institution_date_insutype_amount_and_status(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var other = await SeedAsync(db, 358, "李四");
        var a1 = await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 4, 12.5m));
        var b1 = await SettleAsync(db, s.B, s.PsnNo, Line("1", Amoxicillin, 20, 12.5m));
        var a2 = await SettleAsync(db, s.A, other.PsnNo, Line("1", Amoxicillin, 2, 12.5m));
        var tooLong = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement(a2.SetlId!, new string('误', 201))));
        tooLong.Errors.Single().Message.ShouldBe("撤销原因：不能超过 200 个字符");
        // A 200-character reason fits: the reversal's 摘要 is shortened to its column, the reason is kept whole.
        var longReason = "录入错误" + new string('误', 196);
        (await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(new StaffCancelSettlement(a2.SetlId!, longReason)))).Succeeded.ShouldBeTrue();
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync(x => x.SetlId == a2.SetlId))).CancelReason.ShouldBe(longReason);

        async Task<List<string>> Find(SearchSettlements q)
        {
            var r = await db.InScopeAsync(sp => sp.GetRequiredService<SearchSettlementsHandler>().HandleAsync(q));
            r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
            return r.Value!.Items.Select(i => i.SetlId).Order(StringComparer.Ordinal).ToList();
        }

        static List<string> Ids(params SettlementView[] v) => v.Select(x => x.SetlId!).Order(StringComparer.Ordinal).ToList();
        (await Find(new SearchSettlements())).ShouldBe(Ids(a1, b1, a2));
        (await Find(new SearchSettlements(Person: s.PsnNo))).ShouldBe(Ids(a1, b1));
        (await Find(new SearchSettlements(Person: s.Certno))).ShouldBe(Ids(a1, b1));
        (await Find(new SearchSettlements(Person: "李"))).ShouldBe(Ids(a2));
        (await Find(new SearchSettlements(Institution: s.B.FixmedinsCode))).ShouldBe(Ids(b1));
        (await Find(new SearchSettlements(Institution: "第一卫生院"))).ShouldBe(Ids(a1, a2));
        (await Find(new SearchSettlements(MinAmount: 40m, MaxAmount: 60m))).ShouldBe(Ids(a1));
        (await Find(new SearchSettlements(MinAmount: 100m))).ShouldBe(Ids(b1));
        (await Find(new SearchSettlements(Status: SettlementStatus.Cancelled))).ShouldBe(Ids(a2));
        (await Find(new SearchSettlements(Insutype: "310"))).ShouldBeEmpty();
        (await Find(new SearchSettlements(Insutype: "390", From: a1.SetlTime, To: a1.SetlTime))).ShouldBe(Ids(a1, b1, a2));
        (await Find(new SearchSettlements(From: a1.SetlTime.AddDays(1)))).ShouldBeEmpty();

        var full = await db.InScopeAsync(sp => sp.GetRequiredService<SearchSettlementsHandler>().HandleAsync(new SearchSettlements(Person: s.PsnNo, ShowFullId: true)));
        full.Value!.Items.ShouldAllBe(r => r.Certno == s.Certno);
        var masked = await db.InScopeAsync(sp => sp.GetRequiredService<SearchSettlementsHandler>().HandleAsync(new SearchSettlements(Person: s.PsnNo)));
        masked.Value!.Items.ShouldAllBe(r => r.Certno != s.Certno && r.Certno.Contains('*'));

        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<SearchSettlementsHandler>().HandleAsync(new SearchSettlements(From: new DateOnly(2026, 3, 5), To: new DateOnly(2026, 3, 1))));
        bad.Errors.Single().Message.ShouldBe("结算日期：开始日期不能晚于结束日期");
        var badAmount = await db.InScopeAsync(sp => sp.GetRequiredService<SearchSettlementsHandler>().HandleAsync(new SearchSettlements(MinAmount: 10m, MaxAmount: 5m)));
        badAmount.Errors.Single().Message.ShouldBe("医疗费总额：最小金额不能大于最大金额");
        var export = await db.InScopeAsync(sp => sp.GetRequiredService<SearchSettlementsHandler>().ExportAsync(new SearchSettlements(Person: s.PsnNo)));
        export.Value!.Count.ShouldBe(2);
        export.Value!.ShouldAllBe(r => (string)r["状态"]! == "正常");
    }
}
