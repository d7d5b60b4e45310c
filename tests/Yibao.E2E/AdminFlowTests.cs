using Microsoft.Playwright;

namespace Yibao.E2E;

/// <summary>
/// The administrator's first day: log in with the seeded account, change the forced password,
/// create a 经办员, and find the new account in the audit trail. Saves a screenshot of the home page.
/// </summary>
public sealed class AdminFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    [Fact]
    public async Task Administrator_changes_password_creates_a_clerk_and_sees_the_audit_entry()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores

        // Anonymous visitors land on the Chinese login page.
        await page.GotoAsync(app.BaseUrl + "/");
        await page.WaitForURLAsync("**/Account/Login**");
        (await page.TitleAsync()).ShouldContain("登录");

        // A wrong password is refused in Chinese.
        await page.FillAsync("#UserName", YibaoAppFixture.AdminUserName);
        await page.FillAsync("#Password", "Wrong-Pass-0000");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("用户名或密码错误");

        // The seeded administrator must change the initial password first.
        await page.FillAsync("#UserName", YibaoAppFixture.AdminUserName);
        await page.FillAsync("#Password", YibaoAppFixture.AdminInitialPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/Account/ChangePassword**");
        await page.FillAsync("#CurrentPassword", YibaoAppFixture.AdminInitialPassword);
        await page.FillAsync("#NewPassword", "Changed-Pass-2026");
        await page.FillAsync("#ConfirmPassword", "Changed-Pass-2026");
        await page.ClickAsync("button:has-text('保存新密码')");

        // Home page with real figures.
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("工作人员账号");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "home.png"), FullPage = true });

        // Create a 经办员 through the navigation.
        await page.ClickAsync("nav >> text=用户管理");
        await page.WaitForURLAsync("**/Admin/Users**");
        await page.GotoAsync(app.BaseUrl + "/Admin/Users/Create");
        await page.FillAsync("#UserName", "jingban01");
        await page.FillAsync("#DisplayName", "王经办");
        await page.CheckAsync("input[name=Roles][value=经办员]");
        await page.ClickAsync("button:has-text('创建账号')");
        await Assertions.Expect(page.Locator("#created-result")).ToContainTextAsync("账号已创建");
        var initialPassword = (await page.InnerTextAsync("#initial-password")).Trim();
        initialPassword.Length.ShouldBeGreaterThanOrEqualTo(10);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "user-created.png") });

        // The audit trail shows who created the account.
        await page.GotoAsync(app.BaseUrl + "/Admin/Audit?Entity=StaffUser");
        var table = page.Locator("#audit-table");
        await Assertions.Expect(table).ToContainTextAsync("jingban01");
        await Assertions.Expect(table).ToContainTextAsync("新增");
        var row = table.Locator("tbody > tr", new LocatorLocatorOptions { HasText = "jingban01" }).First;
        await Assertions.Expect(row).ToContainTextAsync(YibaoAppFixture.AdminUserName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "audit.png"), FullPage = true });

        // The new clerk can log in (forced to change password) but cannot reach user management.
        var clerk = await app.NewPageAsync();
        await clerk.GotoAsync(app.BaseUrl + "/Account/Login");
        await clerk.FillAsync("#UserName", "jingban01");
        await clerk.FillAsync("#Password", initialPassword);
        await clerk.ClickAsync("button[type=submit]");
        await clerk.WaitForURLAsync("**/Account/ChangePassword**");
        await clerk.FillAsync("#CurrentPassword", initialPassword);
        await clerk.FillAsync("#NewPassword", "Clerk-Pass-2026");
        await clerk.FillAsync("#ConfirmPassword", "Clerk-Pass-2026");
        await clerk.ClickAsync("button:has-text('保存新密码')");
        await clerk.WaitForURLAsync(app.BaseUrl + "/");
        var response = await clerk.GotoAsync(app.BaseUrl + "/Admin/Users");
        response!.Status.ShouldBe(403);
        await Assertions.Expect(clerk.Locator("body")).ToContainTextAsync("无权访问");
    }
}
