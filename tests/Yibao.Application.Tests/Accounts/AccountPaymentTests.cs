using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Accounts;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Accounts;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Accounts;

/// <summary>
/// 个人账户支付 acct_pay in online settlement on both engines: with and without balance, partial payment when short,
/// 2206 shows without writing, cancellation puts the money back; 家庭共济 from the owner's account; 退还 and 转入 by staff.
/// Ledger invariant throughout: every entry balances per fund and each person's 2201 个人账户结存 equals the account balance.
/// </summary>
public sealed class AccountPaymentTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateOnly Visit = new(2025, 6, 10);
    private const string Amoxicillin = "XJ01CAA040A001010100001";

    private sealed record Seeded(InstitutionCaller Inst, string OwnerNo, long OwnerId, string MemberNo, long MemberId);

    /// <summary>A clinic, 赵六 (310 退休, account opened with <paramref name="balance"/>) and his grandson 赵小 (390 学生儿童).</summary>
    private static async Task<Seeded> SeedAsync(TestDatabase db, decimal balance)
    {
        var inst = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var a = new Institution { Code = "H13012300001", Name = "示范县第一卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
            ctx.Institutions.Add(a);
            await ctx.SaveChangesAsync();
            return new InstitutionCaller(a.Id, a.Code);
        });
        var owner = await RegisterAsync(db, ResidentId.Create("130123", new DateOnly(1955, 2, 3), 131).Value, "赵六", "310", "12");
        var member = await RegisterAsync(db, ResidentId.Create("130123", new DateOnly(2015, 5, 6), 242).Value, "赵小", "390", "22");
        if (balance > 0)
        {
            await db.InScopeAsync(async sp =>
            {
                var ctx = sp.GetRequiredService<AppDbContext>();
                var rec = new PersonalAccountRecord { PersonId = owner.Id, PoolAreaCode = "130123", OpenedOn = new DateOnly(2026, 1, 1) };
                ctx.PersonalAccounts.Add(rec);
                var key = AccountPostings.CreditKey(2026, 1);
                var e = new PersonalAccount(owner.Id).Credit(new DateOnly(2026, 1, 1), balance, "2026-01 退休定额划入");
                rec.Record(e, key, AccountPostings.CreditJournal(owner.Id, e, key));
                await ctx.SaveChangesAsync();
            });
        }

        return new Seeded(inst, owner.No, owner.Id, member.No, member.Id);
    }

    private static async Task<(string No, long Id)> RegisterAsync(TestDatabase db, string certno, string name, string insutype, string psnType)
    {
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, name, "130123",
            Enrollments: [new EnrollPerson("-", insutype, psnType, new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        var p = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking().SingleAsync(x => x.ResidentId == ResidentId.Parse(certno)));
        return (p.PersonNo, p.Id);
    }

    /// <summary>Registers a visit with 50.00 of amoxicillin (政策范围内) and 10.00 of an unknown item (全自费, not payable by the account).</summary>
    private static async Task<string> VisitAsync(TestDatabase db, InstitutionCaller inst, string psnNo, string insutype)
    {
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(inst, new RegisterOutpatient(psnNo, insutype, "11", Visit)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        var up = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(inst, new UploadFeeDetails(r.Value!.MdtrtId,
            [new FeeDetailInput("1", Amoxicillin, 4, 12.5m, 50m), new FeeDetailInput("2", "UNKNOWN-ITEM", 1, 10m, 10m)])));
        up.Succeeded.ShouldBeTrue(string.Join("；", up.Errors.Select(e => e.Message)));
        return r.Value!.MdtrtId;
    }

    private static async Task<SettlementView> SettleAsync(TestDatabase db, InstitutionCaller inst, string mdtrt, string flag, bool pre = false)
    {
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(inst, new SettleOutpatient(mdtrt, 60m, flag, pre)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        return r.Value!;
    }

    private static Task<PersonalAccountView?> AccountAsync(TestDatabase db, long personId) =>
        db.InScopeAsync(sp => sp.GetRequiredService<GetPersonalAccountHandler>().HandleAsync(new GetPersonalAccount(personId)));

    private static Task<int> EntryCountAsync(TestDatabase db) => db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccountEntries.CountAsync());

    private static async Task AssertLedgerAsync(TestDatabase db)
    {
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var lines = await ctx.Set<JournalLine>().AsNoTracking().ToListAsync();
            foreach (var g in lines.GroupBy(l => (l.JournalEntryId, l.Fund)))
            {
                g.Sum(l => l.Debit).ShouldBe(g.Sum(l => l.Credit), $"凭证 {g.Key.JournalEntryId} 基金 {g.Key.Fund} 借贷不平");
            }

            foreach (var a in await ctx.PersonalAccounts.AsNoTracking().Include(a => a.Entries).ToListAsync())
            {
                var sub = lines.Where(l => l.Fund == FundCode.EmployeePersonalAccount && l.AccountCode == LedgerAccounts.PersonalAccountBalance && l.PersonId == a.PersonId)
                    .Sum(l => l.Credit - l.Debit);
                sub.ShouldBe(a.Entries.Sum(e => e.Amount), $"人员 {a.PersonId} 个人账户结存与账户余额不符");
                a.Entries.Sum(e => e.Amount).ShouldBeGreaterThanOrEqualTo(0m);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Enough_balance_pays_the_allowed_personal_part_and_cancellation_restores_the_balance(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db, 1000m);
        var mdtrt = await VisitAsync(db, s.Inst, s.OwnerNo, "310");

        // 2206 shows the would-be acct_pay and writes nothing.
        var pre = await SettleAsync(db, s.Inst, mdtrt, "1", pre: true);
        var allowed = pre.Setlinfo["psn_part_amt"] - pre.Setlinfo["fulamt_ownpay_amt"] - pre.Setlinfo["overlmt_selfpay"];
        allowed.ShouldBeGreaterThan(0m);
        pre.Setlinfo["acct_pay"].ShouldBe(allowed);
        (await EntryCountAsync(db)).ShouldBe(1);

        var v = await SettleAsync(db, s.Inst, mdtrt, "1");
        v.Setlinfo.ShouldBe(pre.Setlinfo);
        v.Setlinfo["acct_pay"].ShouldBe(allowed); // 全自费 10.00 is not payable by the account (policy: pays_full_ownpay false)
        v.Setlinfo["psn_cash_pay"].ShouldBe(v.Setlinfo["psn_part_amt"] - allowed);
        v.Setlinfo["psn_cash_pay"].ShouldBeGreaterThanOrEqualTo(10m);
        v.Explanation.ShouldContain(x => x.StartsWith("个人账户：余额1,000.00元", StringComparison.Ordinal) || x.StartsWith("个人账户：余额", StringComparison.Ordinal));
        var acct = (await AccountAsync(db, s.OwnerId))!;
        acct.Balance.ShouldBe(1000m - allowed);
        acct.Entries[0].Kind.ShouldBe(AccountEntryKind.Payment);
        acct.Entries[0].Memo.ShouldContain(v.SetlId!);
        var payable = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking()
            .Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable).SumAsync(l => l.Credit - l.Debit));
        payable.ShouldBe(v.Setlinfo["fund_pay_sumamt"] + allowed);
        await AssertLedgerAsync(db);

        // 2208: the account gets the money back with a 支付冲回 entry; the original stays.
        var cancel = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.Inst, new CancelSettlement(v.SetlId!, "退费")));
        cancel.Succeeded.ShouldBeTrue(string.Join("；", cancel.Errors.Select(e => e.Message)));
        acct = (await AccountAsync(db, s.OwnerId))!;
        acct.Balance.ShouldBe(1000m);
        acct.Entries.Select(e => e.Kind).ShouldBe([AccountEntryKind.PaymentReversal, AccountEntryKind.Payment, AccountEntryKind.Credit]);
        acct.Entries[0].KindName.ShouldBe("支付冲回");
        await AssertLedgerAsync(db);

        // acct_used_flag 0: the person pays cash even with a balance.
        var cash = await SettleAsync(db, s.Inst, mdtrt, "0");
        cash.Setlinfo["acct_pay"].ShouldBe(0m);
        cash.Setlinfo["psn_cash_pay"].ShouldBe(cash.Setlinfo["psn_part_amt"]);
        (await AccountAsync(db, s.OwnerId))!.Balance.ShouldBe(1000m);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Short_balance_pays_what_there_is_and_no_account_pays_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db, 3.21m);
        var mdtrt = await VisitAsync(db, s.Inst, s.OwnerNo, "310");

        var v = await SettleAsync(db, s.Inst, mdtrt, "1");
        v.Setlinfo["acct_pay"].ShouldBe(3.21m);
        v.Setlinfo["psn_cash_pay"].ShouldBe(v.Setlinfo["psn_part_amt"] - 3.21m);
        (await AccountAsync(db, s.OwnerId))!.Balance.ShouldBe(0m);
        await AssertLedgerAsync(db);

        // An empty account and a person without account (no 家庭共济 binding) pay nothing from an account.
        var cancel = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.Inst, new CancelSettlement(v.SetlId!)));
        cancel.Succeeded.ShouldBeTrue();
        (await AccountAsync(db, s.OwnerId))!.Balance.ShouldBe(3.21m);
        var child = await VisitAsync(db, s.Inst, s.MemberNo, "390");
        var none = await SettleAsync(db, s.Inst, child, "1");
        none.Setlinfo["acct_pay"].ShouldBe(0m);
        none.Setlinfo["psn_cash_pay"].ShouldBe(none.Setlinfo["psn_part_amt"]);

        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.Inst, new SettleOutpatient(mdtrt, 60m, "2")));
        bad.Errors.Single().Field.ShouldBe("acct_used_flag");
        await AssertLedgerAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Family_sharing_pays_the_members_settlement_from_the_owners_account(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db, 500m);
        var h = (IServiceProvider sp) => sp.GetRequiredService<RegisterFamilySharingHandler>();

        // Not in one household and no proof; self; unknown relation: refused with the field named.
        var noProof = await db.InScopeAsync(sp => h(sp).HandleAsync(new RegisterFamilySharing(s.OwnerNo, s.MemberNo, 4, new DateOnly(2025, 1, 1))));
        noProof.Errors.Single().Field.ShouldBe("proof");
        noProof.Errors.Single().Message.ShouldStartWith("关系证明：");
        (await db.InScopeAsync(sp => h(sp).HandleAsync(new RegisterFamilySharing(s.OwnerNo, s.OwnerNo, 4, new DateOnly(2025, 1, 1), ProofReference: "户口簿"))))
            .Errors.Single().Code.ShouldBe("share-with-self");
        (await db.InScopeAsync(sp => h(sp).HandleAsync(new RegisterFamilySharing(s.OwnerNo, s.MemberNo, 7, new DateOnly(2025, 1, 1), ProofReference: "户口簿"))))
            .Errors.Single().Message.ShouldBe("共济关系：须为 配偶、父母、子女 或 其他近亲属");
        // The member has no 职工 account of his own to share.
        (await db.InScopeAsync(sp => h(sp).HandleAsync(new RegisterFamilySharing(s.MemberNo, s.OwnerNo, 2, new DateOnly(2025, 1, 1), ProofReference: "户口簿"))))
            .Errors.Single().Code.ShouldBe("no-account");

        var ok = await db.InScopeAsync(sp => h(sp).HandleAsync(new RegisterFamilySharing(s.OwnerNo, s.MemberNo, 4, new DateOnly(2025, 1, 1), ProofReference: "户口簿 130123001")));
        ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => e.Message)));
        (await db.InScopeAsync(sp => h(sp).HandleAsync(new RegisterFamilySharing(s.OwnerNo, s.MemberNo, 4, new DateOnly(2025, 3, 1), ProofReference: "户口簿"))))
            .Errors.Single().Code.ShouldBe("binding-overlap");

        var mdtrt = await VisitAsync(db, s.Inst, s.MemberNo, "390");
        var v = await SettleAsync(db, s.Inst, mdtrt, "1");
        var acctPay = v.Setlinfo["acct_pay"];
        acctPay.ShouldBeGreaterThan(0m);
        v.Setlinfo["psn_cash_pay"].ShouldBe(v.Setlinfo["psn_part_amt"] - acctPay);
        v.Explanation.ShouldContain(x => x.Contains("家庭共济", StringComparison.Ordinal) && x.Contains(s.OwnerNo, StringComparison.Ordinal));
        var acct = (await AccountAsync(db, s.OwnerId))!;
        acct.Balance.ShouldBe(500m - acctPay);
        acct.Entries[0].Kind.ShouldBe(AccountEntryKind.FamilyShareOut);
        acct.Entries[0].Memo.ShouldContain(s.MemberNo);
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccountEntries.AsNoTracking().OrderBy(x => x.Id).LastAsync());
        stored.CounterpartPersonId.ShouldBe(s.MemberId);
        (await AccountAsync(db, s.MemberId)).ShouldBeNull();
        await AssertLedgerAsync(db);

        var rows = await db.InScopeAsync(sp => sp.GetRequiredService<ListFamilySharingHandler>().HandleAsync(new ListFamilySharing(s.MemberId)));
        rows.Single().OwnerPsnNo.ShouldBe(s.OwnerNo);
        rows.Single().RelationName.ShouldBe("其他近亲属");

        // Cancelled: the owner's account gets it back; after the binding ends (before the visit date) the account no longer pays.
        (await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.Inst, new CancelSettlement(v.SetlId!)))).Succeeded.ShouldBeTrue();
        (await AccountAsync(db, s.OwnerId))!.Balance.ShouldBe(500m);
        var end = await db.InScopeAsync(sp => sp.GetRequiredService<EndFamilySharingHandler>().HandleAsync(new EndFamilySharing(rows.Single().Id, new DateOnly(2025, 5, 31), "家庭成员申请解除")));
        end.Succeeded.ShouldBeTrue(string.Join("；", end.Errors.Select(e => e.Message)));
        var after = await SettleAsync(db, s.Inst, mdtrt, "1");
        after.Setlinfo["acct_pay"].ShouldBe(0m);
        await AssertLedgerAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Staff_refund_pays_the_balance_to_a_bank_account_and_transfer_in_credits_a_carried_balance(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db, 500m);
        var mdtrt = await VisitAsync(db, s.Inst, s.OwnerNo, "310");
        var paid = await SettleAsync(db, s.Inst, mdtrt, "1");
        var left = 500m - paid.Setlinfo["acct_pay"];
        var refund = (IServiceProvider sp) => sp.GetRequiredService<RefundPersonalAccountHandler>();

        var bad = await db.InScopeAsync(sp => refund(sp).HandleAsync(new RefundPersonalAccount(s.OwnerId, " ", "农业银行", "赵六", "62284800ab")));
        bad.Errors.Select(e => e.Field).ShouldBe(["reason", "bank_acct_no"], ignoreOrder: true);
        bad.Errors.ShouldContain(e => e.Message == "收款账号：须为 10–30 位数字");

        var r = await db.InScopeAsync(sp => refund(sp).HandleAsync(new RefundPersonalAccount(s.OwnerId, "出国（境）定居", "中国农业银行示范县支行", "赵六", "6228480012345678")));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        r.Value!.Amount.ShouldBe(left);
        var acct = (await AccountAsync(db, s.OwnerId))!;
        acct.Balance.ShouldBe(0m);
        acct.ClosedOn.ShouldNotBeNull();
        acct.Entries[0].Kind.ShouldBe(AccountEntryKind.Refund);
        acct.Entries[0].Memo.ShouldContain("出国（境）定居");
        acct.Entries[0].Memo.ShouldContain("尾号 5678");
        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccountEntries.AsNoTracking().SingleAsync(x => x.Kind == AccountEntryKind.Refund));
        stored.BankAccountNo.ShouldBe("6228480012345678");
        (await db.InScopeAsync(sp => refund(sp).HandleAsync(new RefundPersonalAccount(s.OwnerId, "死亡", "农行", "赵六", "6228480012345678")))).Errors.Single().Code.ShouldBe("account-closed");
        await AssertLedgerAsync(db);

        // The refunded account cannot take the payment back: cancelling the settlement is refused and nothing changes.
        var cancel = await db.InScopeAsync(sp => sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(s.Inst, new CancelSettlement(paid.SetlId!)));
        cancel.Errors.Single().Code.ShouldBe("account-closed");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync())).Status.ShouldBe(Yibao.Domain.Settlement.SettlementStatus.Settled);

        // 转入 with a 310 enrollment: the member (390 only) cannot; a new employee can, once; bad amounts name the field.
        var tin = (IServiceProvider sp) => sp.GetRequiredService<TransferInPersonalAccountHandler>();
        (await db.InScopeAsync(sp => tin(sp).HandleAsync(new TransferInPersonalAccount(s.MemberId, 800m, "510100", new DateOnly(2026, 3, 1)))))
            .Errors.Single().Code.ShouldBe("no-employee-enrollment");
        var newcomer = await RegisterAsync(db, ResidentId.Create("130123", new DateOnly(1980, 8, 8), 357).Value, "钱七", "310", "12");
        (await db.InScopeAsync(sp => tin(sp).HandleAsync(new TransferInPersonalAccount(newcomer.Id, 1.234m, "510100", new DateOnly(2026, 3, 1)))))
            .Errors.Single().Message.ShouldBe("转入金额：须精确到分（最多两位小数）");
        (await db.InScopeAsync(sp => tin(sp).HandleAsync(new TransferInPersonalAccount(newcomer.Id, 800m, "130123", new DateOnly(2026, 3, 1)))))
            .Errors.Single().Field.ShouldBe("transfer_admdvs");
        var t = await db.InScopeAsync(sp => tin(sp).HandleAsync(new TransferInPersonalAccount(newcomer.Id, 812.34m, "510100", new DateOnly(2026, 3, 1), "原参保地成都")));
        t.Succeeded.ShouldBeTrue(string.Join("；", t.Errors.Select(e => e.Message)));
        (await AccountAsync(db, newcomer.Id))!.Balance.ShouldBe(812.34m);
        (await AccountAsync(db, newcomer.Id))!.Entries[0].Kind.ShouldBe(AccountEntryKind.TransferIn);
        (await db.InScopeAsync(sp => tin(sp).HandleAsync(new TransferInPersonalAccount(newcomer.Id, 10m, "510100", new DateOnly(2026, 3, 1)))))
            .Errors.Single().Code.ShouldBe("already-transferred-in");
        await AssertLedgerAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reversal_2601_of_an_account_paid_2207_puts_the_money_back_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db, 1000m);
        var mdtrt = await VisitAsync(db, s.Inst, s.OwnerNo, "310");
        Task<IdempotentOutcome<T>> Idem<T>(string msgid, string infno, string target, Func<IServiceProvider, CancellationToken, Task<Yibao.Application.Common.AppResult<T>>> work) =>
            db.InScopeAsync(sp => sp.GetRequiredService<IdempotentRequests>().RunAsync(
                new ApiCall(s.Inst.InstitutionId, msgid, infno, ApiCall.HashOf(infno, target, "")), t => work(sp, t), v => JsonSerializer.Serialize(v)));

        var settle = await Idem("HIS-2207-A", "2207", mdtrt, (sp, t) => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.Inst, new SettleOutpatient(mdtrt, 60m, "1"), t));
        settle.Fresh!.Succeeded.ShouldBeTrue(string.Join("；", settle.Fresh.Errors.Select(e => e.Message)));
        var acctPay = settle.Fresh.Value!.Setlinfo["acct_pay"];
        acctPay.ShouldBeGreaterThan(0m);
        // The same 2207 message again: the stored answer, no second payment.
        var replay = await Idem("HIS-2207-A", "2207", mdtrt, (sp, t) => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.Inst, new SettleOutpatient(mdtrt, 60m, "1"), t));
        replay.Fresh.ShouldBeNull();
        (await AccountAsync(db, s.OwnerId))!.Balance.ShouldBe(1000m - acctPay);

        Task<IdempotentOutcome<ReversalView>> Reverse(string msgid) =>
            Idem(msgid, "2601", "HIS-2207-A", (sp, t) => sp.GetRequiredService<ReverseTransactionHandler>().HandleAsync(s.Inst, new ReverseTransaction("HIS-2207-A", "2207"), t));
        var rev = await Reverse("HIS-2601-A");
        rev.Fresh!.Succeeded.ShouldBeTrue(string.Join("；", rev.Fresh.Errors.Select(e => e.Message)));
        (await AccountAsync(db, s.OwnerId))!.Balance.ShouldBe(1000m);
        (await Reverse("HIS-2601-A")).Fresh.ShouldBeNull();
        (await Reverse("HIS-2601-B")).Fresh!.Errors.Single().Code.ShouldBe(SettlementErrors.AlreadyCancelled);
        var acct = (await AccountAsync(db, s.OwnerId))!;
        acct.Balance.ShouldBe(1000m);
        acct.Entries.Count(e => e.Kind == AccountEntryKind.PaymentReversal).ShouldBe(1);
        await AssertLedgerAsync(db);
    }
}
