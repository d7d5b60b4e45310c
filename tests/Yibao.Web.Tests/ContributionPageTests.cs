using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>征缴 screens: roles (经办员 writes, 财务 reads, others 403), Chinese validation messages, and the flow over HTTP.</summary>
public sealed class ContributionPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private const string Area = "528888";
    private static readonly CreditCode Code = CreditCode.Create("91528888MA0000001");
    private static readonly string Certno = ResidentId.Create(Area, new DateOnly(1988, 4, 5), 11).Value;

    private static readonly string[] ReadPages =
        ["/Contributions", "/Contributions/Bases", "/Contributions/Payments", "/Contributions/Reconciliation", "/Contributions/Arrears", "/Contributions/Policies"];

    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string handler, string fileName, string csv, bool clamp = false)
    {
        var token = await YibaoWebFactory.GetTokenAsync(client, page);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (clamp)
        {
            form.Add(new StringContent("true"), "Clamp");
        }

        return await client.PostAsync(page + "?handler=" + handler, form);
    }

    /// <summary>Area, employer and one in-service employee (once per factory).</summary>
    private async Task SeedAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Areas.AnyAsync(a => a.Code == Area, TestContext.Current.CancellationToken))
        {
            return;
        }

        db.Areas.Add(new Area { Code = Area, Name = "征缴测试县", Level = AreaLevel.County });
        db.Employers.Add(new Employer { EmployerNo = "ZJ001", CreditCode = Code, Name = "征缴测试机械厂", PoolAreaCode = Area });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var r = await scope.ServiceProvider.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "赵征缴", Area,
            Enrollments: [new EnrollPerson("-", "310", "11", new DateOnly(2025, 1, 1), "ZJ001")]), TestContext.Current.CancellationToken);
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_login_and_other_roles_get_403()
    {
        var anonymous = app.NewClient();
        foreach (var url in ReadPages.Append("/Contributions/Flexible"))
        {
            var r = await anonymous.GetAsync(url, TestContext.Current.CancellationToken);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            r.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
        }

        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        foreach (var url in ReadPages.Append("/Contributions/Flexible"))
        {
            (await reviewer.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        // 系统管理员 edits the 缴费标准 only.
        var admin = await app.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        (await admin.GetAsync("/Contributions/Policies", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/Contributions", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Finance_reads_every_list_but_cannot_write()
    {
        await SeedAsync();
        var finance = await UserWithRoleAsync(Roles.Finance);
        foreach (var url in ReadPages)
        {
            var html = await finance.GetStringAsync(url, TestContext.Current.CancellationToken);
            html.ShouldNotContain("type=\"file\"", customMessage: url);
            html.ShouldNotContain("id=\"generate\"", customMessage: url);
        }

        (await finance.GetAsync("/Contributions/Flexible", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var token = await YibaoWebFactory.GetTokenAsync(finance, "/Contributions/Reconciliation");
        var post = await finance.PostAsync("/Contributions?handler=Generate&month=2026-11", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var policy = await finance.PostAsync("/Contributions/Policies", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("PoolAreaCode", Area)]), TestContext.Current.CancellationToken);
        policy.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var menu = await finance.GetStringAsync("/Contributions", TestContext.Current.CancellationToken);
        menu.ShouldContain("欠费催缴");
        menu.ShouldNotContain("灵活就业缴费");
    }

    [Fact]
    public async Task Clerk_gets_chinese_errors_naming_the_field_or_row()
    {
        await SeedAsync();
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var bad = await YibaoWebFactory.PostFormAsync(clerk, "/Contributions/Policies", "/Contributions/Policies",
            [new("PoolAreaCode", Area), new("Year", "2026"), new("AverageWage", "abc"), new("FloorPercent", "60"), new("CeilingPercent", "50"),
             new("EmployerPercent", "8"), new("EmployeePercent", "2"), new("FlexiblePercent", "10")]);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("社平工资：请填写数字");

        var range = await YibaoWebFactory.PostFormAsync(clerk, "/Contributions/Policies", "/Contributions/Policies",
            [new("PoolAreaCode", Area), new("Year", "2026"), new("AverageWage", "6000"), new("FloorPercent", "60"), new("CeilingPercent", "50"),
             new("EmployerPercent", "8"), new("EmployeePercent", "2"), new("FlexiblePercent", "10")]);
        WebUtility.HtmlDecode(await range.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("基数上限比例：须在 100%–1000% 之间");

        var upload = await UploadAsync(clerk, "/Contributions/Payments", "Import", "tax.csv",
            "统一社会信用代码,所属期,金额,入库日期,票号\r\n" + Code.Value + ",2026-10,-3,2026-11-01,WT-1\r\n91528888MA0000009X,2026-10,abc,2099-01-01,WT-2\r\n");
        var errors = WebUtility.HtmlDecode(await upload.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        errors.ShouldContain("未导入任何数据");
        errors.ShouldContain("-3 须大于 0（退费请走退费流程）");
        errors.ShouldContain("“abc”不是数字");
        errors.ShouldContain("晚于今天");
    }

    [Fact]
    public async Task Clerk_declares_bases_generates_the_plan_imports_a_payment_and_downloads_the_notice()
    {
        await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var saved = await YibaoWebFactory.PostFormAsync(clerk, "/Contributions/Policies", "/Contributions/Policies",
            [new("PoolAreaCode", Area), new("Year", "2026"), new("AverageWage", "6000"), new("FloorPercent", "60"), new("CeilingPercent", "300"),
             new("EmployerPercent", "8"), new("EmployeePercent", "2"), new("FlexiblePercent", "10")]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var refused = await UploadAsync(clerk, "/Contributions/Bases", "Import", "bases.csv", "单位编号,证件号码,缴费年度,申报基数\r\nZJ001," + Certno + ",2026,3000\r\n");
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(ct)).ShouldContain("第 2 行");
        var clamped = await UploadAsync(clerk, "/Contributions/Bases", "Import", "bases.csv", "单位编号,证件号码,缴费年度,申报基数\r\nZJ001," + Certno + ",2026,3000\r\n", clamp: true);
        WebUtility.HtmlDecode(await clamped.Content.ReadAsStringAsync(ct)).ShouldContain("按上下限核定 1");

        var gen = await YibaoWebFactory.PostFormAsync(clerk, "/Contributions?month=2026-10", "/Contributions?handler=Generate&month=2026-10", []);
        gen.StatusCode.ShouldBe(HttpStatusCode.Redirect, await gen.Content.ReadAsStringAsync(ct));
        var plans = WebUtility.HtmlDecode(await clerk.GetStringAsync("/Contributions?month=2026-10", ct));
        plans.ShouldContain("征缴测试机械厂");
        plans.ShouldContain("360.00"); // 3600 × (8% + 2%)

        var paid = await UploadAsync(clerk, "/Contributions/Payments", "Import", "tax.csv", "统一社会信用代码,所属期,金额,入库日期,票号\r\n" + Code.Value + ",2026-10,100.50,2026-11-01,WT-OK-1\r\n");
        WebUtility.HtmlDecode(await paid.Content.ReadAsStringAsync(ct)).ShouldContain("入库记录 1 笔");

        var rec = WebUtility.HtmlDecode(await clerk.GetStringAsync("/Contributions/Reconciliation?q=ZJ001", ct));
        rec.ShouldContain("部分");
        var arrears = WebUtility.HtmlDecode(await clerk.GetStringAsync("/Contributions/Arrears?asof=2026-11&q=ZJ001", ct));
        arrears.ShouldContain("259.50");

        long employerId;
        using (var scope = app.Services.CreateScope())
        {
            employerId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Employers.Where(e => e.EmployerNo == "ZJ001").Select(e => e.Id).SingleAsync(ct);
        }

        var notice = await clerk.GetStringAsync($"/Contributions/Arrears?handler=Notice&employer={employerId}&asof=2026-11", ct);
        notice.ShouldContain("贰佰伍拾玖元伍角");
        var xlsx = await clerk.GetAsync($"/Contributions/Arrears?handler=Notice&employer={employerId}&asof=2026-11&format=xlsx", ct);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var employerPage = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/Registry/Employers/Detail/{employerId}", ct));
        employerPage.ShouldContain("259.50");
        employerPage.ShouldContain("WT-OK-1");
        if (File.Exists(Yibao.Infrastructure.Reports.ChromiumPdf.DefaultPath))
        {
            var pdf = await clerk.GetAsync($"/Contributions/Arrears?handler=Notice&employer={employerId}&asof=2026-11&format=pdf", ct);
            pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            (await pdf.Content.ReadAsByteArrayAsync(ct))[..4].ShouldBe("%PDF"u8.ToArray());
        }
    }
}
