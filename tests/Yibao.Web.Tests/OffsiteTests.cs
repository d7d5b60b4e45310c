using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>异地就医备案 and 手工报销 screens and API: roles, Chinese errors, the review rule, masking.</summary>
public sealed class OffsiteTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private static int _seq = 400;

    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "o" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    private async Task<string> PersonAsync()
    {
        var certno = ResidentId.Create("130123", new DateOnly(1970, 5, 6), Interlocked.Increment(ref _seq)).Value;
        var reg = await app.WithServiceAsync<Yibao.Application.Common.AppResult<RegisteredPerson>, RegisterPersonHandler>(h => h.HandleAsync(new RegisterPerson(certno, "异地测", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        return reg.Value!.PersonNo;
    }

    [Fact]
    public async Task Pages_follow_the_roles_and_anonymous_users_go_to_login()
    {
        var anonymous = app.NewClient();
        (await anonymous.GetAsync("/OutOfArea/Filings")).Headers.Location!.OriginalString.ShouldContain("/Account/Login");
        (await anonymous.GetAsync("/Settlement/Manual")).Headers.Location!.OriginalString.ShouldContain("/Account/Login");

        var finance = await UserWithRoleAsync(Roles.Finance);
        (await finance.GetAsync("/OutOfArea/Filings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await finance.GetAsync("/Settlement/Manual")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await finance.GetAsync("/Settlement/Manual/New")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        (await reviewer.GetAsync("/OutOfArea/Filings")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reviewer.GetAsync("/OutOfArea/Filings/New")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reviewer.GetAsync("/Settlement/Manual/New")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var home = await clerk.GetStringAsync("/");
        home.ShouldContain("异地就医备案");
        home.ShouldContain("手工报销");
        (await clerk.GetAsync("/OutOfArea/Filings/New")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clerk.GetAsync("/Settlement/Manual/New")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var export = await clerk.GetAsync("/OutOfArea/Filings?handler=Export");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public async Task Filing_api_files_refuses_overlaps_and_cancels_with_problem_details()
    {
        var psn = await PersonAsync();
        (await app.NewClient().PostAsync("/api/v1/outofarea/filings", JsonContent.Create(new { psn_no = psn }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        (await reviewer.PostAsync("/api/v1/outofarea/filings", JsonContent.Create(new { psn_no = psn }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var malformed = await clerk.PostAsync("/api/v1/outofarea/filings", new StringContent("{\"psn_no\":", Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("malformed-json");

        object Body(string type, string begin, string? end, string? referring = null) => new
        {
            psn_no = psn, insutype = "390", fil_type = type, mdtrtarea_admdvs = "110105", mdtrtarea_name = "北京市朝阳区",
            begndate = begin, enddate = end, refl_reason = "随子女居住", refl_fixmedins_name = referring,
        };

        var tooLong = await clerk.PostAsJsonAsync("/api/v1/outofarea/filings", Body("4", "2025-03-01", "2025-12-01"));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("field").GetString().ShouldBe("enddate");
        problem.GetProperty("detail").GetString()!.ShouldContain("6 个月");

        var created = await clerk.PostAsJsonAsync("/api/v1/outofarea/filings", Body("1", "2025-03-01", null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var filing = await created.Content.ReadFromJsonAsync<JsonElement>();
        var filNo = filing.GetProperty("fil_no").GetString()!;
        filing.GetProperty("fil_stas_name").GetString().ShouldBe("有效");

        var overlap = await clerk.PostAsJsonAsync("/api/v1/outofarea/filings", Body("3", "2025-06-01", "2025-06-30", "示范县人民医院"));
        overlap.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await overlap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("filing-overlap");

        var cancel = await clerk.PostAsJsonAsync($"/api/v1/outofarea/filings/{filNo}/cancel", new { memo = "已回本地" });
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fil_stas_name").GetString().ShouldBe("已撤销");
        (await clerk.PostAsJsonAsync($"/api/v1/outofarea/filings/{filNo}/cancel", new { memo = "再次" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await clerk.PostAsJsonAsync("/api/v1/outofarea/filings/NOPE/cancel", new { memo = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var personPage = await clerk.GetStringAsync("/Registry/Persons?q=" + psn);
        personPage.ShouldContain(psn);
    }

    [Fact]
    public async Task Clerk_enters_a_reimbursement_only_a_reviewer_approves_and_the_bank_account_is_masked()
    {
        var psn = await PersonAsync();
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("PsnNo", psn), new("Insutype", "390"), new("MedType", "21"), new("InstitutionName", "北京朝阳医院"), new("InstitutionAreaCode", "110105"),
            new("InstitutionLevel", "3"), new("BeginDate", "2025-05-01"), new("EndDate", "2025-05-08"), new("DiseCodg", "I10"), new("DiseName", "高血压"),
            new("InvoiceNo", "FP-WEB-1"), new("MedfeeSumamt", "3240"),
            new("Lines[0].Code", "001102000010000"), new("Lines[0].Name", "床位费"), new("Lines[0].Cnt", "8"), new("Lines[0].Pric", "30"), new("Lines[0].Amount", "240"),
            new("Lines[1].Code", "002503010010000"), new("Lines[1].Name", "血常规"), new("Lines[1].Cnt", "20"), new("Lines[1].Pric", "150"), new("Lines[1].Amount", "3000"),
            new("BankAccountName", "异地测"), new("BankName", "农业银行"), new("BankAccountNo", "6228480012345678901"),
        };
        var bad = await YibaoWebFactory.PostFormAsync(clerk, "/Settlement/Manual/New", "/Settlement/Manual/New",
            fields.Select(f => f.Key == "MedfeeSumamt" ? new KeyValuePair<string, string>(f.Key, "3000") : f));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("医疗费总额 medfee_sumamt：3000.00 元与明细合计 3240.00 元不一致");

        var posted = await YibaoWebFactory.PostFormAsync(clerk, "/Settlement/Manual/New", "/Settlement/Manual/New", fields);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var detailUrl = posted.Headers.Location!.OriginalString;
        var html = await clerk.GetStringAsync(detailUrl);
        html.ShouldContain("待审核");
        html.ShouldContain("异地未备案");
        html.ShouldNotContain("6228480012345678901");
        html.ShouldContain("***************8901");

        var dup = await YibaoWebFactory.PostFormAsync(clerk, "/Settlement/Manual/New", "/Settlement/Manual/New", fields);
        (await dup.Content.ReadAsStringAsync()).ShouldContain("不能重复报销");

        // A 经办员 cannot approve; a 审核员 can.
        var clerkApprove = await YibaoWebFactory.PostFormAsync(clerk, detailUrl, detailUrl + "?handler=Approve", []);
        clerkApprove.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        (await reviewer.GetStringAsync(detailUrl)).ShouldContain("审核通过");
        var noReason = await YibaoWebFactory.PostFormAsync(reviewer, detailUrl, detailUrl + "?handler=Reject", [new("Reason", "")]);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("驳回原因：不能为空");
        var approve = await YibaoWebFactory.PostFormAsync(reviewer, detailUrl, detailUrl + "?handler=Approve", []);
        approve.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await reviewer.GetStringAsync(detailUrl);
        after.ShouldContain("已审核");
        after.ShouldContain("元整");

        var list = await clerk.GetStringAsync("/Settlement/Manual?q=" + psn);
        list.ShouldContain("已审核");
        list.ShouldNotContain("6228480012345678901");
    }
}
