using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Accounts;
using Yibao.Application.Contributions;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>The person page shows the 职工个人账户 balance and its entries after the monthly 划入 job.</summary>
public sealed class PersonalAccountPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private const string Area = "527777";
    private static readonly string Certno = ResidentId.Create(Area, new DateOnly(1956, 6, 7), 21).Value;
    private static readonly string Other = ResidentId.Create(Area, new DateOnly(1990, 6, 7), 22).Value;

    [Fact]
    public async Task Person_page_shows_account_balance_and_entries()
    {
        var ct = TestContext.Current.CancellationToken;
        long personId;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<AppDbContext>();
            db.Areas.Add(new Area { Code = Area, Name = "账户测试县", Level = AreaLevel.County });
            await db.SaveChangesAsync(ct);
            (await sp.GetRequiredService<SaveEmployeeContributionPolicyHandler>().HandleAsync(
                new SaveEmployeeContributionPolicy(Area, 2025, 6000m, 60m, 300m, 8m, 2m, 10m), ct)).Succeeded.ShouldBeTrue();
            var r = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "钱账户", Area,
                Enrollments: [new EnrollPerson("-", "310", "12", new DateOnly(2025, 1, 1), null)]), ct);
            r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
            (await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Other, "孙无账户", Area), ct)).Succeeded.ShouldBeTrue();
            var credit = sp.GetRequiredService<CreditPersonalAccountsHandler>();
            (await credit.HandleAsync(new CreditPersonalAccounts(2025, 11), ct)).Succeeded.ShouldBeTrue();
            (await credit.HandleAsync(new CreditPersonalAccounts(2025, 12), ct)).Succeeded.ShouldBeTrue();
            personId = (await db.Persons.AsNoTracking().ToListAsync(ct)).Single(p => p.ResidentId.Value == Certno).Id;
        }

        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试经办员", "Test-Pass-2024", [Roles.Clerk], mustChangePassword: false);
        var clerk = await app.LoginAsync(name, "Test-Pass-2024");
        var html = await clerk.GetStringAsync($"/Registry/Persons/Detail/{personId}", ct);
        html.ShouldContain("职工个人账户");
        html.ShouldContain("<strong id=\"account-balance\">200.00</strong>");
        html.ShouldContain("2025-12 退休定额划入");
        html.ShouldContain("2025-11-01");

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var otherId = (await db.Persons.AsNoTracking().ToListAsync(ct)).Single(p => p.ResidentId.Value == Other).Id;
            (await clerk.GetStringAsync($"/Registry/Persons/Detail/{otherId}", ct)).ShouldContain("未建立个人账户");
        }
    }

    [Fact]
    public async Task Clerk_registers_family_sharing_and_refunds_with_chinese_errors_and_finance_runs_the_jobs()
    {
        var ct = TestContext.Current.CancellationToken;
        const string area = "527778";
        var owner = ResidentId.Create(area, new DateOnly(1957, 1, 2), 31).Value;
        var member = ResidentId.Create(area, new DateOnly(2012, 1, 2), 42).Value;
        long ownerId;
        string memberNo;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<AppDbContext>();
            db.Areas.Add(new Area { Code = area, Name = "共济测试县", Level = AreaLevel.County });
            await db.SaveChangesAsync(ct);
            (await sp.GetRequiredService<SaveEmployeeContributionPolicyHandler>().HandleAsync(
                new SaveEmployeeContributionPolicy(area, 2024, 6000m, 60m, 300m, 8m, 2m, 10m), ct)).Succeeded.ShouldBeTrue();
            (await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(owner, "周共济", area,
                Enrollments: [new EnrollPerson("-", "310", "12", new DateOnly(2024, 1, 1), null)]), ct)).Succeeded.ShouldBeTrue();
            (await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(member, "周小", area,
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2024, 1, 1), null)]), ct)).Succeeded.ShouldBeTrue();
            var persons = await db.Persons.AsNoTracking().ToListAsync(ct);
            ownerId = persons.Single(p => p.ResidentId.Value == owner).Id;
            memberNo = persons.Single(p => p.ResidentId.Value == member).PersonNo;
        }

        // 财务 runs the monthly 划入 (2024: only this test's area has a 2024 policy, so other tests' accounts are untouched) from the web and sees the summary; a 经办员 may not open the page.
        var fin = "f" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(fin, "测试财务", "Test-Pass-2024", [Roles.Finance], mustChangePassword: false);
        var finance = await app.LoginAsync(fin, "Test-Pass-2024");
        var run = await YibaoWebFactory.PostFormAsync(finance, "/Funds/AccountJobs", "/Funds/AccountJobs?handler=Credit", [new("Month", "2024-12")]);
        var runHtml = await run.Content.ReadAsStringAsync(ct);
        runHtml.ShouldContain("id=\"credit-result\"");
        runHtml.ShouldContain("2024 年 12 月划入完成");
        var early = await YibaoWebFactory.PostFormAsync(finance, "/Funds/AccountJobs", "/Funds/AccountJobs?handler=Interest", [new("Year", "2100")]);
        (await early.Content.ReadAsStringAsync(ct)).ShouldContain("计息年度：2100 年度尚未结束");

        var name = "c" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试经办员", "Test-Pass-2024", [Roles.Clerk], mustChangePassword: false);
        var clerk = await app.LoginAsync(name, "Test-Pass-2024");
        (await clerk.GetAsync("/Funds/AccountJobs", ct)).StatusCode.ShouldNotBe(System.Net.HttpStatusCode.OK);
        (await clerk.GetStringAsync($"/Registry/Persons/Detail/{ownerId}", ct)).ShouldContain("<strong id=\"account-balance\">100.00</strong>");

        // 家庭共济: without a relation proof (not one household) the form says which field and rule; with it, the person page lists it.
        var sharingUrl = $"/Registry/Persons/FamilySharing/{ownerId}";
        var noProof = await YibaoWebFactory.PostFormAsync(clerk, sharingUrl, sharingUrl, [new("Member", memberNo), new("Relation", "4"), new("BeginDate", "2025-01-01")]);
        (await noProof.Content.ReadAsStringAsync(ct)).ShouldContain("关系证明：周小 与 周共济 不在同一家庭户");
        var shared = await YibaoWebFactory.PostFormAsync(clerk, sharingUrl, sharingUrl,
            [new("Member", memberNo), new("Relation", "4"), new("BeginDate", "2025-01-01"), new("ProofReference", "户口簿 527778-01")]);
        shared.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await clerk.GetStringAsync($"/Registry/Persons/Detail/{ownerId}", ct)).ShouldContain("周共济 → 周小（其他近亲属");

        // 退还: a bad account number is refused with the rule; then the balance goes to the bank and the account is closed.
        var refundUrl = $"/Registry/Persons/AccountRefund/{ownerId}";
        var bad = await YibaoWebFactory.PostFormAsync(clerk, refundUrl, refundUrl,
            [new("Reason", "出国（境）定居"), new("BankName", "农业银行"), new("BankAccountName", "周共济"), new("BankAccountNo", "12ab")]);
        (await bad.Content.ReadAsStringAsync(ct)).ShouldContain("收款账号：须为 10–30 位数字");
        var ok = await YibaoWebFactory.PostFormAsync(clerk, refundUrl, refundUrl,
            [new("Reason", "出国（境）定居"), new("BankName", "农业银行"), new("BankAccountName", "周共济"), new("BankAccountNo", "6228480099998888")]);
        ok.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var after = await clerk.GetStringAsync($"/Registry/Persons/Detail/{ownerId}", ct);
        after.ShouldContain("<strong id=\"account-balance\">0.00</strong>");
        after.ShouldContain("退还：出国（境）定居，退至 农业银行 尾号 8888");
    }
}
