using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Accounts;
using Yibao.Application.Contributions;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Application.Tests.Contributions;
using Yibao.Domain.Accounts;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Accounts;

/// <summary>个人账户 on both engines: monthly 划入 (idempotent), 计息, 退还 on death, 转出, balanced ledger, never negative.</summary>
public sealed class PersonalAccountTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly string Retiree = ResidentId.Create("130123", new DateOnly(1958, 3, 4), 131).Value;

    /// <summary>Contribution seed (2026 policy 社平 6000, 个人 2%), 张三 base 5000 (→ 100.00 a month), 李四 no base, one retiree (定额 100.00).</summary>
    private static async Task SeedAsync(TestDatabase db)
    {
        await EmployeeContributionTests.SeedAsync(db);
        var b = await db.InScopeAsync(sp => sp.GetRequiredService<DeclareContributionBaseHandler>().HandleAsync(
            new DeclareContributionBase("E001", EmployeeContributionTests.Certno1, 2026, 5000m, BaseCheckMode.Refuse)));
        b.Succeeded.ShouldBeTrue(string.Join("；", b.Errors.Select(e => e.Message)));
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Retiree, "赵六", "130123",
            Enrollments: [new EnrollPerson("-", "310", "12", new DateOnly(2025, 1, 1), null)])));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
    }

    private static Task<AppResultSummary> Credit(TestDatabase db, int year, int month) =>
        db.InScopeAsync(async sp => new AppResultSummary(await sp.GetRequiredService<CreditPersonalAccountsHandler>().HandleAsync(new CreditPersonalAccounts(year, month))));

    private sealed record AppResultSummary(Yibao.Application.Common.AppResult<AccountCreditSummary> Result);

    private static Task<decimal> BalanceAsync(TestDatabase db, string certno) => db.InScopeAsync(async sp =>
    {
        var ctx = sp.GetRequiredService<AppDbContext>();
        var person = (await ctx.Persons.AsNoTracking().ToListAsync()).Single(p => p.ResidentId.Value == certno);
        return (await sp.GetRequiredService<GetPersonalAccountHandler>().HandleAsync(new GetPersonalAccount(person.Id)))?.Balance ?? 0m;
    });

    private static Task<long> PersonIdAsync(TestDatabase db, string certno) => db.InScopeAsync(async sp =>
        (await sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking().ToListAsync()).Single(p => p.ResidentId.Value == certno).Id);

    /// <summary>Every journal entry balances per fund, and the 个人账户结存 subsidiary ledger of each person equals the account balance.</summary>
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

            var accounts = await ctx.PersonalAccounts.AsNoTracking().Include(a => a.Entries).ToListAsync();
            foreach (var a in accounts)
            {
                var sub = lines.Where(l => l.Fund == FundCode.EmployeePersonalAccount && l.AccountCode == LedgerAccounts.PersonalAccountBalance && l.PersonId == a.PersonId)
                    .Sum(l => l.Credit - l.Debit);
                sub.ShouldBe(a.Entries.Sum(e => e.Amount));
                a.Entries.Sum(e => e.Amount).ShouldBeGreaterThanOrEqualTo(0m);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Monthly_credit_follows_policy_and_is_idempotent_per_person_month(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);

        var jan = (await Credit(db, 2026, 1)).Result;
        jan.Succeeded.ShouldBeTrue(string.Join("；", jan.Errors.Select(e => e.Message)));
        jan.Value.ShouldBe(new AccountCreditSummary(2026, 1, InService: 1, Retired: 1, Total: 200.00m, AlreadyCredited: 0, Closed: 0, MissingBase: 1, MissingPolicy: 0));

        var again = (await Credit(db, 2026, 1)).Result;
        again.Value.ShouldBe(new AccountCreditSummary(2026, 1, 0, 0, 0m, AlreadyCredited: 2, Closed: 0, MissingBase: 1, MissingPolicy: 0));
        (await Credit(db, 2026, 2)).Result.Value!.Total.ShouldBe(200.00m);

        (await BalanceAsync(db, EmployeeContributionTests.Certno1)).ShouldBe(200.00m);
        (await BalanceAsync(db, Retiree)).ShouldBe(200.00m);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccountEntries.CountAsync())).ShouldBe(4);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync(j => j.SourceType == AccountPostings.CreditSource))).ShouldBe(4);

        // Clock is 2026-03-02: April is refused; a bad month names the field.
        var future = (await Credit(db, 2026, 4)).Result;
        future.Errors.Single().Message.ShouldBe("划入月份：2026-04 晚于本月");
        (await Credit(db, 2026, 13)).Result.Errors.Single().Message.ShouldBe("划入月份：月份须在 1–12 之间");
        await AssertLedgerAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Annual_interest_uses_the_policy_rate_once_and_only_after_the_year(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        (await Credit(db, 2026, 1)).Result.Succeeded.ShouldBeTrue();
        (await Credit(db, 2026, 2)).Result.Succeeded.ShouldBeTrue();
        var h = (IServiceProvider sp) => sp.GetRequiredService<PostAccountInterestHandler>();

        var early = await db.InScopeAsync(sp => h(sp).HandleAsync(new PostAccountInterest(2026)));
        early.Errors.Single().Message.ShouldBe("计息年度：2026 年度尚未结束（结息日 2026-12-31）");

        db.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 1, 0, 0, TimeSpan.Zero));
        var first = await db.InScopeAsync(sp => h(sp).HandleAsync(new PostAccountInterest(2026)));
        first.Succeeded.ShouldBeTrue(string.Join("；", first.Errors.Select(e => e.Message)));
        first.Value.ShouldBe(new AccountInterestSummary(2026, Accounts: 2, Total: 6.00m, AlreadyPosted: 0, MissingPolicy: 0)); // 200 × 1.5% each
        var again = await db.InScopeAsync(sp => h(sp).HandleAsync(new PostAccountInterest(2026)));
        again.Value.ShouldBe(new AccountInterestSummary(2026, 0, 0m, AlreadyPosted: 2, MissingPolicy: 0));
        (await BalanceAsync(db, Retiree)).ShouldBe(203.00m);
        await AssertLedgerAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Death_refunds_the_balance_closes_the_account_and_stops_credits(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        (await Credit(db, 2026, 1)).Result.Succeeded.ShouldBeTrue();
        (await Credit(db, 2026, 2)).Result.Succeeded.ShouldBeTrue();
        var personId = await PersonIdAsync(db, EmployeeContributionTests.Certno1);
        var enrollmentId = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Enrollments
            .Where(e => e.PersonId == personId && e.InsuranceType == InsuranceType.EmployeeBasic).Select(e => e.Id).SingleAsync());

        var r = await db.InScopeAsync(sp => sp.GetRequiredService<TerminateEnrollmentHandler>().HandleAsync(
            new TerminateEnrollment(enrollmentId, new DateOnly(2026, 3, 1), TerminationReason.Death)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));

        var view = await db.InScopeAsync(sp => sp.GetRequiredService<GetPersonalAccountHandler>().HandleAsync(new GetPersonalAccount(personId)));
        view!.Balance.ShouldBe(0m);
        view.ClosedOn.ShouldBe(new DateOnly(2026, 3, 2));
        view.Entries[0].Kind.ShouldBe(AccountEntryKind.Refund);
        view.Entries[0].Amount.ShouldBe(-200.00m);
        view.Entries[0].KindName.ShouldBe("退还");

        // March covers the day of death, but the account is closed: nothing more is credited; the retiree still is.
        (await Credit(db, 2026, 3)).Result.Value.ShouldBe(new AccountCreditSummary(2026, 3, 0, 1, 100.00m, 0, Closed: 1, MissingBase: 1, MissingPolicy: 0));

        // The stored entries go back through the domain: a payment beyond the balance is refused, never negative.
        var domain = await db.InScopeAsync(async sp => (await sp.GetRequiredService<AppDbContext>().PersonalAccounts.AsNoTracking().Include(a => a.Entries)
            .SingleAsync(a => a.PersonId != personId)).ToDomain());
        Should.Throw<DomainException>(() => domain.Pay(new DateOnly(2026, 3, 2), 300.01m, "门诊")).Code.ShouldBe("insufficient-balance");
        await AssertLedgerAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transfer_out_of_310_moves_the_balance_out_with_the_enrollment(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        (await Credit(db, 2026, 1)).Result.Succeeded.ShouldBeTrue();
        var personId = await PersonIdAsync(db, Retiree);
        var enrollmentId = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Enrollments
            .Where(e => e.PersonId == personId).Select(e => e.Id).SingleAsync());
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<TransferEnrollmentOutHandler>().HandleAsync(
            new TransferEnrollmentOut(enrollmentId, new DateOnly(2026, 2, 28), "110101")));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        var view = await db.InScopeAsync(sp => sp.GetRequiredService<GetPersonalAccountHandler>().HandleAsync(new GetPersonalAccount(personId)));
        view!.Balance.ShouldBe(0m);
        view.Entries[0].Kind.ShouldBe(AccountEntryKind.TransferOut);
        view.Entries[0].Memo.ShouldBe("转出至 110101");
        await AssertLedgerAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Account_parameters_come_from_the_saved_policy_and_are_validated(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var save = (IServiceProvider sp) => sp.GetRequiredService<SaveEmployeeContributionPolicyHandler>();
        var bad = await db.InScopeAsync(sp => save(sp).HandleAsync(new SaveEmployeeContributionPolicy("130123", 2026, 6000m, 60m, 300m, 8m, 2m, 10m, 120m, -1m, 25m)));
        bad.Errors.Select(e => e.Message).ShouldBe(["个人账户划入比例：须在 0%–100% 之间", "退休人员月划入额：须为不小于 0 的金额，精确到分", "个人账户年利率：须在 0%–20% 之间"], ignoreOrder: true);

        (await db.InScopeAsync(sp => save(sp).HandleAsync(new SaveEmployeeContributionPolicy("130123", 2026, 6000m, 60m, 300m, 8m, 2m, 10m, 50m, 80.5m, 2m)))).Succeeded.ShouldBeTrue();
        var jan = (await Credit(db, 2026, 1)).Result;
        jan.Value!.Total.ShouldBe(50.00m + 80.50m); // 5000 × 2% × 50%, and the retiree's 定额
        (await BalanceAsync(db, EmployeeContributionTests.Certno1)).ShouldBe(50.00m);
        (await BalanceAsync(db, Retiree)).ShouldBe(80.50m);
        await AssertLedgerAsync(db);
    }
}
