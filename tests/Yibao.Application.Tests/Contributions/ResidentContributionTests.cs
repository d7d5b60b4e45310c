using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Contributions;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Contributions;

public sealed class ResidentContributionTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly string Certno = ResidentId.Create("130123", new DateOnly(1960, 2, 3), 246).Value;

    private static async Task SeedAsync(TestDatabase db)
    {
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.ResidentContributionPolicies.Add(new ResidentContributionPolicy
            {
                PoolAreaCode = "130123", Year = 2026, IndividualAmount = 400m, SubsidyAmount = 700m,
                CollectionFrom = new DateOnly(2025, 9, 1), CollectionTo = new DateOnly(2025, 12, 31),
                Sponsored = [new(SpecialStatusType.Destitute, 400m), new(SpecialStatusType.PovertyAlleviated, 350m)],
            });
            await ctx.SaveChangesAsync();
        });
        await db.InScopeAsync(sp => sp.GetRequiredService<SaveWaitingPeriodRuleHandler>().HandleAsync(
            new SaveWaitingPeriodRule("130123", "390", new DateOnly(2020, 1, 1), true, 3, 3, 3)));
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "王五", "130123",
            Enrollments: [new EnrollPerson("-", "390", "23", new DateOnly(2026, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        (await db.InScopeAsync(sp => sp.GetRequiredService<AddSpecialStatusHandler>().HandleAsync(
            new AddSpecialStatus(Certno, "3", new DateOnly(2021, 1, 1), "乡村振兴局")))).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sponsored_contribution_posts_balanced_entries_in_both_funds_and_starts_benefits(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var handler = (IServiceProvider sp) => sp.GetRequiredService<RecordResidentContributionHandler>();

        var before = await db.InScopeAsync(sp => sp.GetRequiredService<GetEligibilityHandler>().HandleAsync(new GetEligibility(Certno, new DateOnly(2026, 1, 10))));
        before.Value!.InsuInfo.Single().TrtFlag.ShouldBe("0");

        var r = await db.InScopeAsync(sp => handler(sp).HandleAsync(new RecordResidentContribution(Certno, 2026, new DateOnly(2025, 12, 20), "SW2025-0001")));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        r.Value!.Sponsored.ShouldBe(350m);
        r.Value.PaidByPerson.ShouldBe(50m);
        r.Value.Subsidy.ShouldBe(700m);

        var entry = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.AsNoTracking().Include(e => e.Lines).SingleAsync());
        entry.Memo.ShouldBe("2026 年度居民医保缴费（脱贫人口医疗救助代缴 350.00 元）");
        foreach (var fund in entry.Lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit));
        }

        entry.Lines.Where(l => l.Fund == FundCode.ResidentPool && l.AccountCode == LedgerAccounts.ContributionIncome).Sum(l => l.Credit).ShouldBe(400m);
        entry.Lines.Where(l => l.Fund == FundCode.MedicalAssistance).Sum(l => l.Debit).ShouldBe(350m);

        var after = await db.InScopeAsync(sp => sp.GetRequiredService<GetEligibilityHandler>().HandleAsync(new GetEligibility(Certno, new DateOnly(2026, 1, 10))));
        after.Value!.InsuInfo.Single().TrtFlag.ShouldBe("1");

        // A retried request gets the same answer and posts nothing twice; another receipt for the same year is refused.
        var retry = await db.InScopeAsync(sp => handler(sp).HandleAsync(new RecordResidentContribution(Certno, 2026, new DateOnly(2025, 12, 20), "SW2025-0001")));
        retry.Value!.Id.ShouldBe(r.Value.Id);
        var dup = await db.InScopeAsync(sp => handler(sp).HandleAsync(new RecordResidentContribution(Certno, 2026, new DateOnly(2025, 12, 21), "SW2025-0002")));
        dup.Errors.Single().Message.ShouldBe("缴费年度：王五 2026 年度的个人缴费已登记（票据号 SW2025-0001），不能重复缴费");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JournalEntries.CountAsync())).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Missing_policy_future_date_or_no_enrollment_are_refused_and_nothing_is_written(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SeedAsync(db);
        var handler = (IServiceProvider sp) => sp.GetRequiredService<RecordResidentContributionHandler>();
        (await db.InScopeAsync(sp => handler(sp).HandleAsync(new RecordResidentContribution(Certno, 2027, new DateOnly(2026, 3, 1), "A1"))))
            .Errors.Single().Message.ShouldBe("筹资标准：统筹区 130123 未设置 2027 年度居民医保筹资标准");
        (await db.InScopeAsync(sp => handler(sp).HandleAsync(new RecordResidentContribution(Certno, 2026, new DateOnly(2026, 3, 3), "A1"))))
            .Errors.Single().Code.ShouldBe("date-in-future");
        (await db.InScopeAsync(sp => handler(sp).HandleAsync(new RecordResidentContribution("1301230000000099", 2026, new DateOnly(2026, 3, 1), "A1"))))
            .Errors.Single().Code.ShouldBe("person-not-found");
        (await db.InScopeAsync(sp => handler(sp).HandleAsync(new RecordResidentContribution(Certno, 1999, new DateOnly(2026, 3, 1), ""))))
            .Errors.Select(e => e.Field).ShouldBe(["year", "receipt_no"]);
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            (await ctx.JournalEntries.CountAsync()).ShouldBe(0);
            (await ctx.ResidentContributions.CountAsync()).ShouldBe(0);
            (await ctx.Enrollments.SingleAsync()).FirstContributionDate.ShouldBeNull();
        });
    }
}
