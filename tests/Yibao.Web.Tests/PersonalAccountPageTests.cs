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
}
