using System.Net;
using Yibao.Domain.Admin;

namespace Yibao.Web.Tests;

public sealed class AccountTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Admin/Users")]
    [InlineData("/Admin/Audit")]
    public async Task Anonymous_requests_redirect_to_login(string url)
    {
        var response = await app.NewClient().GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/Account/Login");
    }

    [Fact]
    public async Task Login_page_is_Chinese_and_offline()
    {
        var html = await app.NewClient().GetStringAsync("/Account/Login");

        html.ShouldContain("<html lang=\"zh-CN\">");
        html.ShouldContain("工作人员登录");
        html.ShouldContain("示范县医疗保障局");
        html.ShouldContain("/lib/bootstrap/css/bootstrap.min.css");
        html.ShouldNotContain("cdn", Case.Insensitive);
        html.ShouldNotContain("https://");
    }

    [Fact]
    public async Task Front_end_assets_are_served_from_wwwroot_lib()
    {
        var client = app.NewClient();
        foreach (var url in new[] { "/lib/bootstrap/css/bootstrap.min.css", "/lib/bootstrap/js/bootstrap.bundle.min.js", "/lib/htmx/htmx.min.js", "/lib/echarts/echarts.min.js", "/lib/bootstrap-icons/bootstrap-icons.min.css", "/lib/bootstrap-icons/fonts/bootstrap-icons.woff2" })
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }
    }

    [Fact]
    public async Task Good_login_redirects_home_and_shows_the_display_name_and_roles()
    {
        var client = app.NewClient();
        var response = await YibaoWebFactory.PostLoginAsync(client, YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");

        var home = await client.GetStringAsync("/");
        home.ShouldContain("张管理");
        home.ShouldContain(Roles.Administrator);
        home.ShouldContain("href=\"/Admin/Users\"");
        home.ShouldContain("href=\"/Admin/Audit\"");
        home.ShouldContain("action=\"/Account/Logout\"");
    }

    [Fact]
    public async Task Bad_login_shows_Chinese_message()
    {
        var response = await YibaoWebFactory.PostLoginAsync(app.NewClient(), YibaoWebFactory.ClerkName, "Wrong-Pass-123");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("用户名或密码错误");
    }

    [Fact]
    public async Task Unknown_user_gets_the_same_message()
    {
        var response = await YibaoWebFactory.PostLoginAsync(app.NewClient(), "nobody", "Wrong-Pass-123");

        (await response.Content.ReadAsStringAsync()).ShouldContain("用户名或密码错误");
    }

    [Fact]
    public async Task Five_bad_logins_lock_the_account()
    {
        await app.CreateUserAsync("locky", "王锁定", "Locky-Pass-2024", [Roles.Clerk], mustChangePassword: false);
        var client = app.NewClient();
        string html = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            var response = await YibaoWebFactory.PostLoginAsync(client, "locky", "Wrong-Pass-123");
            html = await response.Content.ReadAsStringAsync();
            if (i < 4)
            {
                html.ShouldContain("用户名或密码错误");
            }
        }

        html.ShouldContain("账号已锁定，请 15 分钟后再试");
        // Even the right password is refused while locked.
        var right = await YibaoWebFactory.PostLoginAsync(client, "locky", "Locky-Pass-2024");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("账号已锁定");
    }

    [Fact]
    public async Task Disabled_account_is_refused()
    {
        var user = await app.CreateUserAsync("gone", "赵停用", "Gone-Pass-2024", [Roles.Clerk], mustChangePassword: false);
        await app.WithServiceAsync<bool, Yibao.Application.Admin.IStaffDirectory>(async d => (await d.SetDisabledAsync(user.Id, true)).Succeeded);

        var response = await YibaoWebFactory.PostLoginAsync(app.NewClient(), "gone", "Gone-Pass-2024");

        (await response.Content.ReadAsStringAsync()).ShouldContain("账号已停用");
    }

    [Fact]
    public async Task Must_change_password_user_is_sent_to_change_password_until_done()
    {
        await app.CreateUserAsync("newbie", "钱新人", "Newbie-Pass-2024", [Roles.Clerk], mustChangePassword: true);
        var client = app.NewClient();

        var login = await YibaoWebFactory.PostLoginAsync(client, "newbie", "Newbie-Pass-2024");
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");

        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");
        (await client.GetStringAsync("/Account/ChangePassword")).ShouldContain("请先设置新密码");

        var mismatch = await YibaoWebFactory.PostFormAsync(client, "/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", "Newbie-Pass-2024"), new("NewPassword", "Fresh-Pass-2025"), new("ConfirmPassword", "Other-Pass-2025")]);
        (await mismatch.Content.ReadAsStringAsync()).ShouldContain("确认新密码：与新密码不一致");

        var weak = await YibaoWebFactory.PostFormAsync(client, "/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", "Newbie-Pass-2024"), new("NewPassword", "short"), new("ConfirmPassword", "short")]);
        (await weak.Content.ReadAsStringAsync()).ShouldContain("密码：长度不能少于 10 位");

        var changed = await YibaoWebFactory.PostFormAsync(client, "/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", "Newbie-Pass-2024"), new("NewPassword", "Fresh-Pass-2025"), new("ConfirmPassword", "Fresh-Pass-2025")]);
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        changed.Headers.Location!.ToString().ShouldBe("/");

        // The refreshed sign-in no longer carries the must-change claim.
        var after = await client.GetAsync("/");
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await after.Content.ReadAsStringAsync()).ShouldContain("密码已修改");
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_rejected()
    {
        var client = app.NewClient();
        _ = await client.GetStringAsync("/Account/Login"); // antiforgery cookie, but no token in the form

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = YibaoWebFactory.AdminName,
            ["Password"] = YibaoWebFactory.AdminPassword,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("请求无效");
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var client = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

        var response = await YibaoWebFactory.PostFormAsync(client, "/", "/Account/Logout", []);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/Account/Login");

        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
