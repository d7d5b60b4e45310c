using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Institutions;
using Yibao.Application.Registry;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>住院 REST (/api/v1/admissions) and envelope (2401/2301/2402/2304) over HTTP: scoping, ProblemDetails, msgid replay.</summary>
public sealed class InpatientApiTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private static readonly string Certno = ResidentId.Create("130123", new DateOnly(2012, 7, 8), 357).Value;

    private async Task<(string KeyA, string KeyB, string CodeA)> SeedAsync()
    {
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        db.Institutions.AddRange(
            new Institution { Code = "IA" + suffix, Name = "甲医院", Type = InstitutionType.Hospital, Level = InstitutionLevel.First, PoolAreaCode = "130123" },
            new Institution { Code = "IB" + suffix, Name = "乙医院", Type = InstitutionType.Hospital, Level = InstitutionLevel.First, PoolAreaCode = "130123" });
        await db.SaveChangesAsync();
        var rid = ResidentId.Parse(Certno);
        if (!await db.Persons.AnyAsync(x => x.ResidentId == rid))
        {
            var reg = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "孙七", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]));
            reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        }

        var create = sp.GetRequiredService<CreateApiClientHandler>();
        var a = (await create.HandleAsync(new CreateApiClient("IA" + suffix, "HIS"))).Value!;
        var b = (await create.HandleAsync(new CreateApiClient("IB" + suffix, "HIS"))).Value!;
        return (a.Key, b.Key, "IA" + suffix);
    }

    private HttpClient Client(string key)
    {
        var c = factory.CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient c, string url, string? msgid, string body)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (msgid is not null)
        {
            req.Headers.Add("msgid", msgid);
        }

        return await c.SendAsync(req);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Institution_runs_a_stay_over_rest_and_another_institution_cannot_see_or_touch_it()
    {
        var (keyA, keyB, _) = await SeedAsync();
        var a = Client(keyA);
        var b = Client(keyB);
        var m = Guid.NewGuid().ToString("N")[..8];

        var adm = await PostAsync(a, "/api/v1/admissions", m + "-1",
            $$"""{"psn_no":"{{Certno}}","insutype":"390","begntime":"2025-06-10","ipt_otp_no":"ZY{{m}}","adm_dept_codg":"0301","dise_codg":"J18.9","adm_bed":"3床"}""");
        adm.StatusCode.ShouldBe(HttpStatusCode.OK, await adm.Content.ReadAsStringAsync());
        var mdtrt = (await JsonOf(adm)).GetProperty("mdtrt_id").GetString()!;
        var again = await PostAsync(a, "/api/v1/admissions", m + "-1b",
            $$"""{"psn_no":"{{Certno}}","insutype":"390","begntime":"2025-06-10","ipt_otp_no":"ZY{{m}}b","adm_dept_codg":"0301","dise_codg":"J18.9"}""");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonOf(again)).GetProperty("code").GetString().ShouldBe("admission-open");
        var bad = await PostAsync(a, "/api/v1/admissions", m + "-1c", """{"psn_no":"","insutype":"390","begntime":"2025-06-10"}""");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await JsonOf(bad)).GetProperty("detail").GetString()!.ShouldContain("人员编号 psn_no");

        // Institution B sees none of it: read, upload, discharge, cancel are all 404.
        (await b.GetAsync($"/api/v1/admissions/{mdtrt}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(b, $"/api/v1/admissions/{mdtrt}/fee-details", m + "-b1",
            """{"feedetail":[{"feedetl_sn":"1","med_list_codg":"XJ01CAA040A001010100001","cnt":1,"pric":12.5,"det_item_fee_sumamt":12.5}]}""")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(b, $"/api/v1/admissions/{mdtrt}/discharge", m + "-b2", """{"endtime":"2025-06-12","dscg_maindiag_code":"J18.9"}""")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(b, $"/api/v1/admissions/{mdtrt}/cancel", m + "-b3", "")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.GetAsync($"/api/v1/admissions/{mdtrt}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var up = await PostAsync(a, $"/api/v1/admissions/{mdtrt}/fee-details", m + "-2",
            """{"feedetail":[{"feedetl_sn":"1","med_list_codg":"XJ01CAA040A001010100001","cnt":40,"pric":12.5,"det_item_fee_sumamt":500},{"feedetl_sn":"2","med_list_codg":"NOT-IN-CATALOG","cnt":1,"pric":20,"det_item_fee_sumamt":20}]}""");
        up.StatusCode.ShouldBe(HttpStatusCode.OK, await up.Content.ReadAsStringAsync());
        var neg = await PostAsync(a, $"/api/v1/admissions/{mdtrt}/fee-details", m + "-2b",
            """{"feedetail":[{"feedetl_sn":"3","med_list_codg":"XJ01CAA040A001010100001","cnt":-2,"pric":12.5,"det_item_fee_sumamt":-25}]}""");
        neg.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var early = await PostAsync(a, $"/api/v1/admissions/{mdtrt}/settlement", m + "-3", """{"medfee_sumamt":520}""");
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonOf(early)).GetProperty("code").GetString().ShouldBe("not-discharged");
        var dscg = await PostAsync(a, $"/api/v1/admissions/{mdtrt}/discharge", m + "-4", """{"endtime":"2025-06-12","dscg_maindiag_code":"J18.9","dscg_way":"1"}""");
        dscg.StatusCode.ShouldBe(HttpStatusCode.OK, await dscg.Content.ReadAsStringAsync());

        var setl = await PostAsync(a, $"/api/v1/admissions/{mdtrt}/settlement", m + "-5", """{"medfee_sumamt":520}""");
        setl.StatusCode.ShouldBe(HttpStatusCode.OK, await setl.Content.ReadAsStringAsync());
        var setlId = (await JsonOf(setl)).GetProperty("setl_id").GetString()!;
        var replay = await PostAsync(a, $"/api/v1/admissions/{mdtrt}/settlement", m + "-5", """{"medfee_sumamt":520}""");
        replay.Headers.GetValues("Idempotent-Replayed").ShouldContain("true");
        (await JsonOf(replay)).GetProperty("setl_id").GetString().ShouldBe(setlId);

        // B cannot cancel A's settlement; A can (2305), once.
        (await PostAsync(b, $"/api/v1/settlements/{setlId}/inpatient-cancel", m + "-b4", "")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var cancel = await PostAsync(a, $"/api/v1/settlements/{setlId}/inpatient-cancel", m + "-6", """{"memo":"测试撤销"}""");
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        (await JsonOf(cancel)).GetProperty("setl_stas").GetString().ShouldBe("0");
    }

    [Fact]
    public async Task Envelope_maps_2401_2301_2402_2304_and_scopes_by_key()
    {
        var (keyA, keyB, codeA) = await SeedAsync();
        var a = Client(keyA);
        var b = Client(keyB);
        var m = Guid.NewGuid().ToString("N")[..8];
        async Task<JsonElement> Fsi(HttpClient c, string infno, string msgid, string input)
        {
            var r = await PostAsync(c, $"/fsi/api/{infno}", null, $$"""{"infno":"{{infno}}","msgid":"{{msgid}}","input":{{input}}}""");
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            return await JsonOf(r);
        }

        var adm = await Fsi(a, "2401", m + "1", $$"""{"mdtrtinfo":{"psn_no":"{{Certno}}","insutype":"390","begntime":"2025-07-01 08:00:00","ipt_otp_no":"E{{m}}","adm_dept_codg":"0301","dise_codg":"K35.8"} }""");
        adm.GetProperty("infcode").GetInt32().ShouldBe(0, adm.ToString());
        var mdtrt = adm.GetProperty("output").GetProperty("mdtrt_id").GetString()!;
        var up = await Fsi(a, "2301", m + "2", $$"""{"feedetail":[{"feedetl_sn":"1","mdtrt_id":"{{mdtrt}}","med_list_codg":"XJ01CAA040A001010100001","cnt":"8","pric":"12.5","det_item_fee_sumamt":"100"}]}""");
        up.GetProperty("infcode").GetInt32().ShouldBe(0, up.ToString());
        var other = await Fsi(b, "2402", m + "b", $$"""{"dscginfo":{"mdtrt_id":"{{mdtrt}}","endtime":"2025-07-03","dscg_maindiag_code":"K35.8"} }""");
        other.GetProperty("infcode").GetInt32().ShouldBe(-1);
        other.GetProperty("err_code").GetString().ShouldBe("encounter-not-found");
        var dscg = await Fsi(a, "2402", m + "3", $$"""{"dscginfo":{"mdtrt_id":"{{mdtrt}}","endtime":"2025-07-03","dscg_maindiag_code":"K35.8","dscg_way":"1"} }""");
        dscg.GetProperty("infcode").GetInt32().ShouldBe(0, dscg.ToString());
        var pre = await Fsi(a, "2303", m + "4", $$"""{"data":{"mdtrt_id":"{{mdtrt}}","medfee_sumamt":100} }""");
        pre.GetProperty("infcode").GetInt32().ShouldBe(0, pre.ToString());
        var setl = await Fsi(a, "2304", m + "5", $$"""{"data":{"mdtrt_id":"{{mdtrt}}","medfee_sumamt":100,"acct_used_flag":"0"} }""");
        setl.GetProperty("infcode").GetInt32().ShouldBe(0, setl.ToString());
        setl.GetProperty("output").GetProperty("med_type").GetString().ShouldBe("21");
        var rev = await Fsi(a, "2601", m + "6", $$"""{"data":{"omsgid":"{{m}}5","oinfno":"2304"} }""");
        rev.GetProperty("infcode").GetInt32().ShouldBe(0, rev.ToString());
        codeA.ShouldNotBeEmpty();
    }
}
