using System.Globalization;
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

/// <summary>The national envelope adapter POST /fsi/api/{infno}, and the REST 2601/3201/3202 endpoints.</summary>
public sealed class FsiEnvelopeTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private static readonly string Certno = ResidentId.Create("130123", new DateOnly(1968, 7, 8), 246).Value;

    private async Task<(string KeyA, string CodeA, string KeyB)> SeedAsync()
    {
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        db.Institutions.AddRange(
            new Institution { Code = "FA" + suffix, Name = "丙卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" },
            new Institution { Code = "FB" + suffix, Name = "丁卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" });
        await db.SaveChangesAsync();
        var rid = ResidentId.Parse(Certno);
        if (!await db.Persons.AnyAsync(x => x.ResidentId == rid))
        {
            var reg = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "孙八", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]));
            reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        }

        var create = sp.GetRequiredService<CreateApiClientHandler>();
        var a = (await create.HandleAsync(new CreateApiClient("FA" + suffix, "HIS"))).Value!;
        var b = (await create.HandleAsync(new CreateApiClient("FB" + suffix, "HIS"))).Value!;
        return (a.Key, "FA" + suffix, b.Key);
    }

    private HttpClient Client(string key)
    {
        var c = factory.CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    private static string Envelope(string infno, string msgid, string code, string input) => $$"""
        {"infno":"{{infno}}","msgid":"{{msgid}}","mdtrtarea_admvs":"130123","insuplc_admdvs":"130123","recer_sys_code":"FSI_LOCAL",
         "signtype":"SM3","infver":"V1.0","opter":"001","opter_name":"张医生","opter_type":"1","fixmedins_code":"{{code}}",
         "inf_time":"2025-06-10 09:30:00","input":{{input}}}
        """;

    private static async Task<JsonElement> CallAsync(HttpClient c, string infno, string msgid, string code, string input)
    {
        var r = await c.PostAsync($"/fsi/api/{infno}", new StringContent(Envelope(infno, msgid, code, input), Encoding.UTF8, "application/json"));
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Ok(JsonElement answer)
    {
        answer.GetProperty("infcode").GetInt32().ShouldBe(0, answer.ToString());
        answer.GetProperty("inf_refmsgid").GetString().ShouldNotBeNullOrEmpty();
        answer.GetProperty("respond_time").GetString().ShouldNotBeNullOrEmpty();
        return answer.GetProperty("output");
    }

    [Fact]
    public async Task Full_outpatient_flow_through_the_national_envelope_with_replay_reversal_and_reconciliation()
    {
        var (keyA, codeA, keyB) = await SeedAsync();
        var a = Client(keyA);

        Ok(await CallAsync(a, "1101", "E-1101", codeA, $$"""{"data":{"mdtrt_cert_type":"02","mdtrt_cert_no":"{{Certno}}"} }"""));
        var chk = Ok(await CallAsync(a, "2001", "E-2001", codeA, $$"""{"data":{"psn_no":"{{Certno}}","insutype":"390","begntime":"2025-06-10 09:00:00"} }"""));
        chk.GetProperty("trt_chk_rslt").GetString().ShouldBe("1");

        var reg = Ok(await CallAsync(a, "2201", "E-2201", codeA, $$"""{"data":{"psn_no":"{{Certno}}","insutype":"390","begntime":"2025-06-10 09:00:00","mdtrt_cert_type":"02","mdtrt_cert_no":"{{Certno}}"} }"""));
        var mdtrt = reg.GetProperty("mdtrt_id").GetString()!;
        reg.GetProperty("med_type").GetString().ShouldBe("11");

        var up = Ok(await CallAsync(a, "2204", "E-2204", codeA, $$"""
            {"feedetail":[{"feedetl_sn":"1","mdtrt_id":"{{mdtrt}}","psn_no":"{{Certno}}","med_list_codg":"XJ01CAA040A001010100001","cnt":40,"pric":12.5,"det_item_fee_sumamt":500,"fee_ocur_time":"2025-06-10 09:10:00"}]}
            """));
        up.GetProperty("medfee_sumamt").GetDecimal().ShouldBe(500m);

        var pre = Ok(await CallAsync(a, "2206", "E-2206", codeA, $$"""{"data":{"psn_no":"{{Certno}}","mdtrt_id":"{{mdtrt}}","medfee_sumamt":"500.00","acct_used_flag":"0"} }"""));
        pre.GetProperty("setl_id").ValueKind.ShouldBe(JsonValueKind.Null);

        var settleInput = $$"""{"data":{"psn_no":"{{Certno}}","mdtrt_id":"{{mdtrt}}","medfee_sumamt":500,"acct_used_flag":"0"} }""";
        var setl = Ok(await CallAsync(a, "2207", "E-2207", codeA, settleInput));
        var setlId = setl.GetProperty("setl_id").GetString()!;
        setl.GetProperty("setlinfo").GetProperty("medfee_sumamt").GetDecimal().ShouldBe(500m);
        var fund = setl.GetProperty("setlinfo").GetProperty("fund_pay_sumamt").GetDecimal();

        // The same msgid again: the stored answer, nothing settled twice; the same msgid with another input: refused.
        var replay = Ok(await CallAsync(a, "2207", "E-2207", codeA, settleInput));
        replay.GetProperty("setl_id").GetString().ShouldBe(setlId);
        var conflict = await CallAsync(a, "2207", "E-2207", codeA, settleInput.Replace("500", "499", StringComparison.Ordinal));
        conflict.GetProperty("infcode").GetInt32().ShouldBe(-1);
        conflict.GetProperty("err_msg").GetString()!.ShouldContain("msgid");

        // Institution B's key cannot reverse A's message; A's 冲正 reverses it, and the encounter can be settled again.
        var foreign = await CallAsync(Client(keyB), "2601", "B-2601", "", """{"data":{"omsgid":"E-2207","oinfno":"2207"}}""");
        foreign.GetProperty("infcode").GetInt32().ShouldBe(-1);
        foreign.GetProperty("err_code").GetString().ShouldBe("original-msgid-not-found");
        var rev = Ok(await CallAsync(a, "2601", "E-2601", codeA, $$"""{"data":{"psn_no":"{{Certno}}","omsgid":"E-2207","oinfno":"2207"} }"""));
        rev.GetProperty("setl_id").GetString().ShouldBe(setlId);
        var acc = Ok(await CallAsync(a, "5206", "E-5206a", codeA, $$"""{"data":{"psn_no":"{{Certno}}","cum_ym":"202506"} }"""));
        acc.GetProperty("cuminfo").GetArrayLength().ShouldBe(0);

        var setl2 = Ok(await CallAsync(a, "2207", "E-2207-2", codeA, settleInput));
        var setlId2 = setl2.GetProperty("setl_id").GetString()!;
        Ok(await CallAsync(a, "5206", "E-5206b", codeA, $$"""{"data":{"psn_no":"{{Certno}}","cum_ym":"202506"} }""")).GetProperty("cuminfo").GetArrayLength().ShouldBeGreaterThan(0);

        // 对账 for today (the settlement date), through the envelope.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var from = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fundText = fund.ToString("0.00", CultureInfo.InvariantCulture);
        var totals = Ok(await CallAsync(a, "3201", "E-3201", codeA, $$"""
            {"data":{"setl_optins":"130123","stmt_begndate":"{{from}}","stmt_enddate":"{{to}}","insutype":"390","clr_type":"11","medfee_sumamt":500,"fund_pay_sumamt":{{fundText}},"acct_pay":0,"fixmedins_setl_cnt":1} }
            """));
        totals.GetProperty("stmt_rslt").GetString().ShouldBe("0", totals.ToString());
        var details = Ok(await CallAsync(a, "3202", "E-3202", codeA, $$"""
            {"data":{"stmt_begndate":"{{from}}","stmt_enddate":"{{to}}","details":[{"setl_id":"{{setlId2}}","medfee_sumamt":500,"fund_pay_sumamt":{{fundText}},"acct_pay":0},{"setl_id":"{{setlId}}","medfee_sumamt":500,"fund_pay_sumamt":{{fundText}},"acct_pay":0}]} }
            """));
        details.GetProperty("stmt_rslt").GetString().ShouldBe("1");
        details.GetProperty("missing_in_hi")[0].GetProperty("setl_id").GetString().ShouldBe(setlId);

        Ok(await CallAsync(a, "2208", "E-2208", codeA, $$"""{"data":{"psn_no":"{{Certno}}","mdtrt_id":"{{mdtrt}}","setl_id":"{{setlId2}}"} }"""));
        Ok(await CallAsync(a, "2205", "E-2205", codeA, $$"""{"data":{"mdtrt_id":"{{mdtrt}}","chrg_bchno":"0000"} }"""));
        var cancelReg = Ok(await CallAsync(a, "2202", "E-2202", codeA, $$"""{"data":{"psn_no":"{{Certno}}","mdtrt_id":"{{mdtrt}}"} }"""));
        cancelReg.GetProperty("mdtrt_stas").GetString().ShouldBe("9");
    }

    [Fact]
    public async Task Unknown_infno_bad_input_and_a_foreign_fixmedins_code_answer_infcode_minus_one_in_chinese()
    {
        var (keyA, codeA, _) = await SeedAsync();
        var a = Client(keyA);

        var unknown = await CallAsync(a, "9999", "U-1", codeA, """{"data":{}}""");
        unknown.GetProperty("infcode").GetInt32().ShouldBe(-1);
        unknown.GetProperty("err_msg").GetString()!.ShouldStartWith("交易编号 infno：不支持的交易“9999”");
        unknown.GetProperty("err_code").GetString().ShouldBe("unknown-infno");

        var foreignCode = await CallAsync(a, "5206", "U-2", "H99999999999", $$"""{"data":{"psn_no":"{{Certno}}"} }""");
        foreignCode.GetProperty("err_code").GetString().ShouldBe("fixmedins-mismatch");

        var noMsgid = await CallAsync(a, "5206", "", codeA, $$"""{"data":{"psn_no":"{{Certno}}"} }""");
        noMsgid.GetProperty("err_code").GetString().ShouldBe("msgid-required");

        var badDate = await CallAsync(a, "2201", "U-3", codeA, $$"""{"data":{"psn_no":"{{Certno}}","insutype":"390","begntime":"2025-13-45"} }""");
        badDate.GetProperty("infcode").GetInt32().ShouldBe(-1);
        badDate.GetProperty("err_msg").GetString()!.ShouldContain("begntime");

        var malformed = await a.PostAsync("/fsi/api/2207", new StringContent("{\"infno\":", Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var m = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()).RootElement;
        m.GetProperty("infcode").GetInt32().ShouldBe(-1);
        m.GetProperty("err_code").GetString().ShouldBe("malformed-json");

        (await factory.CreateClient().PostAsync("/fsi/api/5206", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Rest_reversal_and_reconciliation_endpoints_answer_problem_details_with_stable_codes()
    {
        var (keyA, _, _) = await SeedAsync();
        var a = Client(keyA);
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reversals") { Content = new StringContent("""{"omsgid":"NEVER-SENT"}""", Encoding.UTF8, "application/json") };
        req.Headers.Add("msgid", "R-1");
        var rev = await a.SendAsync(req);
        rev.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await rev.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("original-msgid-not-found");

        var totals = await a.PostAsync("/api/v1/reconciliation/totals", new StringContent(
            """{"stmt_begndate":"2025-06-01","stmt_enddate":"2025-06-30","data":[{"insutype":"390","clr_type":"11","medfee_sumamt":10,"fund_pay_sumamt":5,"acct_pay":0,"fixmedins_setl_cnt":1}]}""", Encoding.UTF8, "application/json"));
        totals.StatusCode.ShouldBe(HttpStatusCode.OK, await totals.Content.ReadAsStringAsync());
        var t = JsonDocument.Parse(await totals.Content.ReadAsStringAsync()).RootElement;
        t.GetProperty("stmt_rslt").GetString().ShouldBe("1");
        t.GetProperty("stmtinfo")[0].GetProperty("diffs").GetArrayLength().ShouldBe(3);

        var badPeriod = await a.PostAsync("/api/v1/reconciliation/details", new StringContent(
            """{"stmt_begndate":"2025-06-30","stmt_enddate":"2025-06-01","details":[]}""", Encoding.UTF8, "application/json"));
        badPeriod.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(await badPeriod.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldStartWith("对账结束日期 stmt_enddate");
    }
}
