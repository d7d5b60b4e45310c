using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>参保登记 screens: roles, masking, Chinese validation messages, the forms end to end over HTTP.</summary>
public sealed partial class RegistryTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private static int _seq = 100;

    private static string NewCertno(int year = 1990) =>
        ResidentId.Create("519999", new DateOnly(year, 3, 15), Interlocked.Increment(ref _seq)).Value;

    private Task<HttpClient> ClerkAsync() => app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string certno, string name, string insutype = "390", string psnType = "22", string begin = "2024-01-01") =>
        YibaoWebFactory.PostFormAsync(client, "/Registry/Persons/Register", "/Registry/Persons/Register",
        [
            new("Certno", certno), new("Name", name), new("PoolAreaCode", "519999"),
            new("Insutype", insutype), new("PsnType", psnType), new("BeginDate", begin),
        ]);

    private static long PersonIdFrom(HttpResponseMessage redirect)
    {
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var m = DetailRegex().Match(redirect.Headers.Location!.OriginalString);
        m.Success.ShouldBeTrue(redirect.Headers.Location.OriginalString);
        return long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_the_login_page()
    {
        var client = app.NewClient();
        foreach (var url in new[] { "/Registry/Persons", "/Registry/Persons/Register", "/Registry/Employers" })
        {
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
        }
    }

    [Fact]
    public async Task Finance_only_user_reads_but_gets_403_on_every_registry_form()
    {
        var clerk = await ClerkAsync();
        var id = PersonIdFrom(await RegisterAsync(clerk, NewCertno(), "钱财务测"));
        var finance = await UserWithRoleAsync(Roles.Finance);

        (await finance.GetAsync("/Registry/Persons")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var url in new[]
                 {
                     "/Registry/Persons/Register", $"/Registry/Persons/Enroll/{id}", $"/Registry/Persons/Status/{id}",
                     $"/Registry/Persons/Contribute/{id}",
                 })
        {
            var response = await finance.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
            (await response.Content.ReadAsStringAsync()).ShouldContain("无权访问");
        }

        // A forged POST is refused before the handler runs.
        var post = await finance.PostAsync("/Registry/Persons/Register", new FormUrlEncodedContent([new("Certno", NewCertno()), new("Name", "伪造")]));
        post.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);

        // The menu shows the read-only items only.
        var menu = await finance.GetStringAsync("/Registry/Persons");
        menu.ShouldContain("人员查询");
        menu.ShouldNotContain("href=\"/Registry/Persons/Register\"");
    }

    [Fact]
    public async Task Invalid_check_character_is_refused_with_a_Chinese_message_naming_the_field()
    {
        var clerk = await ClerkAsync();
        var good = NewCertno();
        var bad = good[..17] + (good[17] == '1' ? '2' : '1');

        var response = await RegisterAsync(clerk, bad, "孙校验");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("证件号码：公民身份号码校验码错误");
        html.ShouldContain("is-invalid");
        (await clerk.GetStringAsync("/Registry/Persons?q=" + Uri.EscapeDataString("孙校验"))).ShouldContain("没有符合条件的人员");
    }

    [Fact]
    public async Task Overlapping_enrollment_is_refused_and_nothing_is_written()
    {
        var clerk = await ClerkAsync();
        var id = PersonIdFrom(await RegisterAsync(clerk, NewCertno(), "周重叠"));

        var response = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Persons/Enroll/{id}", $"/Registry/Persons/Enroll/{id}",
            [new("Insutype", "390"), new("PsnType", "22"), new("BeginDate", "2025-01-01")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("参保日期：与已有城乡居民基本医疗保险（390）参保记录（2024-01-01 起）时间重叠");
        var detail = await clerk.GetStringAsync($"/Registry/Persons/Detail/{id}");
        Regex.Count(detail, "data-enrollment=").ShouldBe(1);
    }

    [Fact]
    public async Task Missing_fields_get_Chinese_messages()
    {
        var clerk = await ClerkAsync();
        var html = await (await RegisterAsync(clerk, "", "", psnType: "")).Content.ReadAsStringAsync();

        html.ShouldContain("证件号码：");
        html.ShouldContain("姓名：不能为空");
        html.ShouldContain("人员类别：");
    }

    [Fact]
    public async Task Clerk_sees_the_full_ID_number_a_leader_sees_it_masked()
    {
        var clerk = await ClerkAsync();
        var certno = NewCertno(1975);
        var id = PersonIdFrom(await RegisterAsync(clerk, certno, "吴掩码"));
        var masked = Masking.ResidentId(certno);

        (await clerk.GetStringAsync("/Registry/Persons?q=" + certno)).ShouldContain(certno);
        (await clerk.GetStringAsync($"/Registry/Persons/Detail/{id}")).ShouldContain(certno);

        var leader = await UserWithRoleAsync(Roles.Leader);
        var list = await leader.GetStringAsync("/Registry/Persons?q=" + certno);
        list.ShouldContain($"<code>{masked}</code>");
        list.ShouldNotContain($"<code>{certno}</code>"); // the search box echoes what the user typed; the results do not
        var detail = await leader.GetStringAsync($"/Registry/Persons/Detail/{id}");
        detail.ShouldContain(masked);
        detail.ShouldNotContain(certno);
        detail.ShouldNotContain("action-enroll"); // read-only

        var export = await leader.GetAsync("/Registry/Persons?handler=Export&q=" + certno);
        export.Content.Headers.ContentType!.MediaType.ShouldBe(Yibao.Web.Infrastructure.ExcelFile.ContentType);
    }

    [Fact]
    public async Task Clerk_runs_the_lifecycle_and_records_a_sponsored_contribution()
    {
        var clerk = await ClerkAsync();
        var id = PersonIdFrom(await RegisterAsync(clerk, NewCertno(1960), "郑生命"));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!db.ResidentContributionPolicies.Any(p => p.PoolAreaCode == "519999" && p.Year == 2025))
            {
                db.ResidentContributionPolicies.Add(new ResidentContributionPolicy
                {
                    PoolAreaCode = "519999", Year = 2025, IndividualAmount = 380m, SubsidyAmount = 640m,
                    CollectionFrom = new DateOnly(2024, 9, 1), CollectionTo = new DateOnly(2024, 12, 31),
                    Sponsored = [new(SpecialStatusType.Destitute, 380m), new(SpecialStatusType.PovertyAlleviated, 190m)],
                });
                await db.SaveChangesAsync();
            }
        }

        var status = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Persons/Status/{id}", $"/Registry/Persons/Status/{id}",
            [new("Type", "3"), new("BeginDate", "2024-06-01"), new("Source", "乡村振兴局")]);
        status.StatusCode.ShouldBe(HttpStatusCode.Redirect, await status.Content.ReadAsStringAsync());

        var paid = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Persons/Contribute/{id}", $"/Registry/Persons/Contribute/{id}",
            [new("Year", "2025"), new("PaidOn", "2024-10-15"), new("ReceiptNo", "R2025-" + id)]);
        paid.StatusCode.ShouldBe(HttpStatusCode.Redirect, await paid.Content.ReadAsStringAsync());

        var detail = await clerk.GetStringAsync($"/Registry/Persons/Detail/{id}");
        detail.ShouldContain("脱贫人口");
        detail.ShouldContain("190.00");
        detail.ShouldContain("代缴参保费支出");

        var enrollmentId = EnrollmentRegex().Match(detail).Groups[1].Value;
        var suspend = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Enrollments/Manage/{enrollmentId}?op=suspend", $"/Registry/Enrollments/Manage/{enrollmentId}?op=suspend",
            [new("Op", "suspend"), new("EffectiveDate", "2025-06-01"), new("Reason", "")]);
        (await suspend.Content.ReadAsStringAsync()).ShouldContain("暂停原因：不能为空");

        suspend = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Enrollments/Manage/{enrollmentId}?op=suspend", $"/Registry/Enrollments/Manage/{enrollmentId}?op=suspend",
            [new("Op", "suspend"), new("EffectiveDate", "2025-06-01"), new("Reason", "外出务工")]);
        suspend.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var resume = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Enrollments/Manage/{enrollmentId}?op=resume", $"/Registry/Enrollments/Manage/{enrollmentId}?op=resume",
            [new("Op", "resume"), new("EffectiveDate", "2025-08-01"), new("Reason", "返乡")]);
        resume.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var terminate = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Enrollments/Manage/{enrollmentId}?op=terminate", $"/Registry/Enrollments/Manage/{enrollmentId}?op=terminate",
            [new("Op", "terminate"), new("EffectiveDate", "2025-09-30"), new("TerminationReason", "DuplicateCleanup"), new("Reason", "重复参保")]);
        terminate.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        detail = await clerk.GetStringAsync($"/Registry/Persons/Detail/{id}");
        detail.ShouldContain("暂停参保");
        detail.ShouldContain("恢复参保");
        detail.ShouldContain("重复参保清理");

        var again = await YibaoWebFactory.PostFormAsync(clerk, $"/Registry/Enrollments/Manage/{enrollmentId}?op=suspend", $"/Registry/Enrollments/Manage/{enrollmentId}?op=suspend",
            [new("Op", "suspend"), new("EffectiveDate", "2025-10-01"), new("Reason", "再次暂停")]);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("已终止");
    }

    [GeneratedRegex(@"/Registry/Persons/Detail/(\d+)")]
    private static partial Regex DetailRegex();

    [GeneratedRegex("data-enrollment=\"(\\d+)\"")]
    private static partial Regex EnrollmentRegex();
}
