using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Accounts;
using Yibao.Application.Admin;
using Yibao.Application.Registry;
using Yibao.Domain.Accounts;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Infrastructure.Persistence;

namespace Yibao.E2E;

/// <summary>
/// A 经办员 on the person page of a retiree with a 职工个人账户: registers 家庭共济 for a grandchild (with a relation proof),
/// then refunds the balance to a bank account; the page shows the binding, the 退还 entry and a zero balance.
/// </summary>
public sealed class PersonalAccountFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    [Fact]
    public async Task Clerk_registers_family_sharing_and_refunds_the_account()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = ResidentId.Create("519998", new DateOnly(1953, 4, 5), 411).Value;
        var member = ResidentId.Create("519998", new DateOnly(2014, 4, 5), 422).Value;
        long ownerId;
        string memberNo;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var areas = sp.GetRequiredService<AppDbContext>();
            if (!await areas.Areas.AnyAsync(a => a.Code == "519998", ct))
            {
                areas.Areas.Add(new Yibao.Domain.Registry.Area { Code = "519998", Name = "账户示例县", Level = Yibao.Domain.Registry.AreaLevel.County });
                await areas.SaveChangesAsync(ct);
            }

            (await sp.GetRequiredService<IStaffDirectory>().CreateAsync("guitai02", "钱柜台", "Counter-Pass-2026", [Roles.Clerk], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            var register = sp.GetRequiredService<RegisterPersonHandler>();
            (await register.HandleAsync(new RegisterPerson(owner, "孙退休", "519998", Enrollments: [new EnrollPerson("-", "310", "12", new DateOnly(2024, 1, 1))]), ct)).Succeeded.ShouldBeTrue();
            (await register.HandleAsync(new RegisterPerson(member, "孙小孙", "519998", Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2024, 1, 1))]), ct)).Succeeded.ShouldBeTrue();
            var db = sp.GetRequiredService<AppDbContext>();
            var persons = await db.Persons.AsNoTracking().ToListAsync(ct);
            ownerId = persons.Single(p => p.ResidentId.Value == owner).Id;
            memberNo = persons.Single(p => p.ResidentId.Value == member).PersonNo;
            var record = new PersonalAccountRecord { PersonId = ownerId, PoolAreaCode = "519998", OpenedOn = new DateOnly(2024, 1, 1) };
            db.PersonalAccounts.Add(record);
            var key = AccountPostings.CreditKey(2024, 1);
            var entry = new PersonalAccount(ownerId).Credit(new DateOnly(2024, 1, 1), 345.67m, "2024-01 退休定额划入");
            record.Record(entry, key, AccountPostings.CreditJournal(ownerId, entry, key));
            await db.SaveChangesAsync(ct);
        }

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", "guitai02");
        await page.FillAsync("#Password", "Counter-Pass-2026");
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        await page.GotoAsync(app.BaseUrl + $"/Registry/Persons/Detail/{ownerId}");
        await Assertions.Expect(page.Locator("#account-balance")).ToHaveTextAsync("345.67");

        // 家庭共济: not one household, so the relation proof is required; the page says so, then accepts it.
        await page.ClickAsync("#action-family-sharing");
        await page.FillAsync("#Member", memberNo);
        await page.SelectOptionAsync("#Relation", "4");
        await page.FillAsync("#BeginDate", "2024-01-01");
        await page.ClickAsync("button:has-text('确认登记')");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("关系证明：孙小孙 与 孙退休 不在同一家庭户");
        await page.FillAsync("#ProofReference", "户口簿 519998-07");
        await page.ClickAsync("button:has-text('确认登记')");
        await page.WaitForURLAsync("**/Registry/Persons/Detail/**");
        await Assertions.Expect(page.Locator("#family-sharing-summary")).ToContainTextAsync("孙退休 → 孙小孙（其他近亲属");

        // 退还 to a bank account: the balance goes to zero and the entry names the reason and the account's last digits.
        await page.ClickAsync("#action-account-refund");
        await Assertions.Expect(page.Locator("#refund-balance")).ToHaveTextAsync("345.67");
        await page.FillAsync("#Reason", "出国（境）定居");
        await page.FillAsync("#BankName", "中国银行示范县支行");
        await page.FillAsync("#BankAccountNo", "6216610012345678");
        await page.ClickAsync("button:has-text('确认退还')");
        await page.WaitForURLAsync("**/Registry/Persons/Detail/**");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("已退还个人账户余额 345.67 元");
        await Assertions.Expect(page.Locator("#account-balance")).ToHaveTextAsync("0.00");
        await Assertions.Expect(page.Locator("#personal-account")).ToContainTextAsync("退还：出国（境）定居，退至 中国银行示范县支行 尾号 5678");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "personal-account.png"), FullPage = true });
    }
}
