using System.Net;
using MiniExcelLibs;
using Yibao.Domain.Admin;

namespace Yibao.Web.Tests;

public sealed class AdminTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Task<HttpClient> AdminAsync() => app.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);

    private static Task<HttpResponseMessage> CreateUserAsync(HttpClient client, string userName, string displayName, params string[] roles) =>
        YibaoWebFactory.PostFormAsync(client, "/Admin/Users/Create", "/Admin/Users/Create",
            [new("UserName", userName), new("DisplayName", displayName), .. roles.Select(r => new KeyValuePair<string, string>("Roles", r))]);

    [Fact]
    public async Task Clerk_gets_the_Chinese_403_page_on_admin_screens()
    {
        var client = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

        foreach (var url in new[] { "/Admin/Users", "/Admin/Audit", "/Admin/Users/Create" })
        {
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
            (await response.Content.ReadAsStringAsync()).ShouldContain("无权访问");
        }
    }

    [Fact]
    public async Task Admin_creates_a_user_with_a_generated_password_and_the_audit_log_shows_it()
    {
        var client = await AdminAsync();

        var created = await CreateUserAsync(client, "sunjb", "孙经办", Roles.Clerk, Roles.Reviewer);
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await created.Content.ReadAsStringAsync();
        html.ShouldContain("账号已创建");
        html.ShouldContain("id=\"initial-password\"");

        var list = await client.GetStringAsync("/Admin/Users?Name=sunjb");
        list.ShouldContain("孙经办");
        list.ShouldContain("需改密");

        var audit = await client.GetStringAsync("/Admin/Audit?Entity=StaffUser");
        audit.ShouldContain("sunjb");
        audit.ShouldContain("新增");
        audit.ShouldContain("工作人员账号");
        audit.ShouldContain(YibaoWebFactory.AdminName); // who did it
        audit.ShouldNotContain("PasswordHash");
    }

    [Fact]
    public async Task Create_validation_names_the_field_in_Chinese()
    {
        var client = await AdminAsync();

        var html = await (await CreateUserAsync(client, "x", "")).Content.ReadAsStringAsync();

        html.ShouldContain("登录名：长度须在 2–32 个字符之间");
        html.ShouldContain("姓名：不能为空");
        html.ShouldContain("角色：至少选择一个角色");
    }

    [Fact]
    public async Task Duplicate_login_name_is_refused()
    {
        var client = await AdminAsync();

        var html = await (await CreateUserAsync(client, YibaoWebFactory.ClerkName, "重复", Roles.Clerk)).Content.ReadAsStringAsync();

        html.ShouldContain("登录名：“clerk”已被使用");
    }

    [Fact]
    public async Task Admin_cannot_disable_himself_or_drop_his_own_admin_role()
    {
        var client = await AdminAsync();
        var admin = await app.WithServiceAsync<Yibao.Application.Admin.StaffUserInfo?, Yibao.Application.Admin.IStaffDirectory>(d => d.FindByNameAsync(YibaoWebFactory.AdminName));

        var disable = await YibaoWebFactory.PostFormAsync(client, "/Admin/Users", $"/Admin/Users?handler=Disable&id={admin!.Id}", []);
        (await disable.Content.ReadAsStringAsync()).ShouldContain("不能停用自己正在使用的账号");

        var roles = await YibaoWebFactory.PostFormAsync(client, $"/Admin/Users/Edit/{admin.Id}", $"/Admin/Users/Edit/{admin.Id}", [new("Roles", Roles.Clerk)]);
        (await roles.Content.ReadAsStringAsync()).ShouldContain("不能取消自己的“系统管理员”角色");
    }

    [Fact]
    public async Task Admin_disables_enables_resets_and_edits_roles()
    {
        var target = await app.CreateUserAsync("zhoujb", "周经办", "Zhou-Pass-2024", [Roles.Clerk], mustChangePassword: false);
        var client = await AdminAsync();

        var disable = await YibaoWebFactory.PostFormAsync(client, "/Admin/Users", $"/Admin/Users?handler=Disable&id={target.Id}", []);
        disable.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync("/Admin/Users?Name=zhoujb")).ShouldContain("停用");
        (await (await YibaoWebFactory.PostLoginAsync(app.NewClient(), "zhoujb", "Zhou-Pass-2024")).Content.ReadAsStringAsync()).ShouldContain("账号已停用");

        var enable = await YibaoWebFactory.PostFormAsync(client, "/Admin/Users", $"/Admin/Users?handler=Enable&id={target.Id}", []);
        enable.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var reset = await YibaoWebFactory.PostFormAsync(client, "/Admin/Users", $"/Admin/Users?handler=Reset&id={target.Id}", []);
        var resetHtml = await reset.Content.ReadAsStringAsync();
        resetHtml.ShouldContain("此密码只显示这一次");
        var password = System.Text.RegularExpressions.Regex.Match(resetHtml, "id=\"new-password\">([^<]+)<").Groups[1].Value;
        password = WebUtility.HtmlDecode(password);
        password.Length.ShouldBe(14);
        var login = await YibaoWebFactory.PostLoginAsync(app.NewClient(), "zhoujb", password);
        login.Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");

        var edit = await YibaoWebFactory.PostFormAsync(client, $"/Admin/Users/Edit/{target.Id}", $"/Admin/Users/Edit/{target.Id}",
            [new("Roles", Roles.Auditor), new("Roles", Roles.Finance)]);
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var info = await app.WithServiceAsync<Yibao.Application.Admin.StaffUserInfo?, Yibao.Application.Admin.IStaffDirectory>(d => d.FindAsync(target.Id));
        info!.Roles.ShouldBe([Roles.Finance, Roles.Auditor], ignoreOrder: true);
    }

    [Fact]
    public async Task User_list_filters_by_role_and_pages()
    {
        var client = await AdminAsync();

        var html = await client.GetStringAsync("/Admin/Users?Role=" + Uri.EscapeDataString(Roles.Administrator));

        html.ShouldContain("data-user=\"admin\"");
        html.ShouldNotContain("data-user=\"clerk\"");
        html.ShouldContain("第 1 / 1 页");
    }

    [Fact]
    public async Task User_list_exports_to_xlsx()
    {
        var client = await AdminAsync();

        var response = await client.GetAsync("/Admin/Users?handler=Export");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.ShouldContain(r => (string)r["登录名"] == YibaoWebFactory.AdminName && (string)r["姓名"] == "张管理");
        rows.ShouldContain(r => (string)r["登录名"] == YibaoWebFactory.ClerkName);
    }

    [Fact]
    public async Task Audit_log_filters_and_exports_to_xlsx()
    {
        var client = await AdminAsync();
        await CreateUserAsync(client, "wujb", "吴经办", Roles.Clerk);
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await client.GetStringAsync($"/Admin/Audit?user={YibaoWebFactory.AdminName}&From={today}&To={today}&Entity=StaffUser");
        page.ShouldContain("wujb");
        page.ShouldContain("<option value=\"StaffUser\" selected=\"selected\">");
        (await client.GetStringAsync("/Admin/Audit?user=nobody")).ShouldContain("没有符合条件的审计记录");
        (await client.GetStringAsync("/Admin/Audit?From=2099-01-01")).ShouldContain("没有符合条件的审计记录");

        var response = await client.GetAsync($"/Admin/Audit?handler=Export&user={YibaoWebFactory.AdminName}&Entity=StaffUser");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => (string)r["操作人"] == YibaoWebFactory.AdminName && (string)r["对象"] == "StaffUser");
        rows.ShouldContain(r => ((string)r["变更内容"]).Contains("wujb"));
    }

    [Fact]
    public async Task Audit_log_has_no_write_handlers()
    {
        var client = await AdminAsync();

        var response = await YibaoWebFactory.PostFormAsync(client, "/Admin/Audit", "/Admin/Audit?handler=Delete", []);

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        response.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }
}
