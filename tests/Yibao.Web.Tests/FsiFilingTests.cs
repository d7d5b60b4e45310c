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
using Yibao.Domain.OutOfArea;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>异地就医备案 2501 and its cancellation 2502 through the national envelope POST /fsi/api/{infno}.</summary>
public sealed class FsiFilingTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private async Task<(string KeyA, string CodeA, string KeyB, string CodeB, string Certno)> SeedAsync()
    {
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        db.Institutions.AddRange(
            new Institution { Code = "GA" + suffix, Name = "甲县人民医院" + suffix, Type = InstitutionType.Hospital, Level = InstitutionLevel.Second, PoolAreaCode = "130123" },
            new Institution { Code = "GB" + suffix, Name = "乙卫生院" + suffix, Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" });
        await db.SaveChangesAsync();
        // A fresh person per test: filings of one person must not overlap.
        var certno = ResidentId.Create("130123", new DateOnly(1971, 4, 5), Random.Shared.Next(100, 999)).Value;
        var rid = ResidentId.Parse(certno);
        if (!await db.Persons.AnyAsync(x => x.ResidentId == rid))
        {
            var reg = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "周九", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]));
            reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        }

        var create = sp.GetRequiredService<CreateApiClientHandler>();
        var a = (await create.HandleAsync(new CreateApiClient("GA" + suffix, "HIS"))).Value!;
        var b = (await create.HandleAsync(new CreateApiClient("GB" + suffix, "HIS"))).Value!;
        return (a.Key, "GA" + suffix, b.Key, "GB" + suffix, certno);
    }

    private HttpClient Client(string key)
    {
        var c = factory.CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    private static async Task<JsonElement> CallAsync(HttpClient c, string infno, string msgid, string code, string input)
    {
        var envelope = $$"""
            {"infno":"{{infno}}","msgid":"{{msgid}}","mdtrtarea_admvs":"130123","insuplc_admdvs":"130123","recer_sys_code":"FSI_LOCAL",
             "signtype":"SM3","infver":"V1.0","opter":"001","opter_name":"李医生","fixmedins_code":"{{code}}","inf_time":"2025-06-10 09:30:00","input":{{input}}}
            """;
        var r = await c.PostAsync($"/fsi/api/{infno}", new StringContent(envelope, Encoding.UTF8, "application/json"));
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Ok(JsonElement answer)
    {
        answer.GetProperty("infcode").GetInt32().ShouldBe(0, answer.ToString());
        return answer.GetProperty("output");
    }

    private static void Refused(JsonElement answer, string code, string messagePart)
    {
        answer.GetProperty("infcode").GetInt32().ShouldBe(-1, answer.ToString());
        answer.GetProperty("err_code").GetString().ShouldBe(code, answer.ToString());
        answer.GetProperty("err_msg").GetString()!.ShouldContain(messagePart);
    }

    private static string Referral(string certno, string begin = "2025-07-01", string end = "2025-12-31") => $$"""
        {"data":{"psn_no":"{{certno}}","insutype":"390","mdtrtarea_admdvs":"110105","mdtrtarea_name":"北京市朝阳区",
         "reflin_medins_no":"H11010500001","reflin_medins_name":"北京朝阳医院","begndate":"{{begin}} 00:00:00","enddate":"{{end}}",
         "refl_rea":"本院无法诊治，转上级医院"} }
        """;

    private int FilingCount(string certno)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rid = ResidentId.Parse(certno);
        var personId = db.Persons.Where(p => p.ResidentId == rid).Select(p => p.Id).Single();
        return db.OutOfAreaFilings.Count(f => f.PersonId == personId);
    }

    [Fact]
    public async Task A_referral_filed_through_2501_is_a_valid_filing_of_the_calling_institution_and_a_replay_files_nothing_twice()
    {
        var (keyA, codeA, _, _, certno) = await SeedAsync();
        var a = Client(keyA);
        var msgid = "F2501-" + Guid.NewGuid().ToString("N")[..8];

        var filed = Ok(await CallAsync(a, "2501", msgid, codeA, Referral(certno)));
        var filNo = filed.GetProperty("trt_dcla_detl_sn").GetString()!;
        filed.GetProperty("fil_no").GetString().ShouldBe(filNo);
        filed.GetProperty("fil_type").GetString().ShouldBe("3"); // the national 2501 is the 转院备案
        filed.GetProperty("fil_type_name").GetString().ShouldBe("转诊转院");
        filed.GetProperty("fil_stas_name").GetString().ShouldBe("有效");
        filed.GetProperty("refl_fixmedins_name").GetString()!.ShouldStartWith("甲县人民医院"); // the caller is the referring institution
        filed.GetProperty("refl_reason").GetString().ShouldBe("本院无法诊治，转上级医院");
        filed.GetProperty("begndate").GetString().ShouldBe("2025-07-01");

        // The same msgid again: the stored answer, no second filing; the same msgid with another input: refused.
        var replay = Ok(await CallAsync(a, "2501", msgid, codeA, Referral(certno)));
        replay.GetProperty("trt_dcla_detl_sn").GetString().ShouldBe(filNo);
        FilingCount(certno).ShouldBe(1);
        Refused(await CallAsync(a, "2501", msgid, codeA, Referral(certno, end: "2025-11-30")), "msgid-conflict", "msgid");

        // A new msgid for an overlapping period: the filing rule of the counter, with the same code and Chinese message.
        Refused(await CallAsync(a, "2501", msgid + "-2", codeA, Referral(certno, "2025-08-01")), FilingErrorsCodes.Overlap, filNo);
        FilingCount(certno).ShouldBe(1);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.OutOfAreaFilings.AsNoTracking().SingleAsync(f => f.FilingNo == filNo);
        stored.Type.ShouldBe(FilingType.Referral);
        stored.Status.ShouldBe(FilingStatus.Valid);
        stored.FiledByInstitutionId.ShouldBe(await db.Institutions.Where(i => i.Code == codeA).Select(i => (long?)i.Id).SingleAsync());
        stored.CreatedBy.ShouldContain(codeA);
        (await db.AuditEntries.AnyAsync(e => e.Entity == nameof(OutOfAreaFiling) && e.EntityKey == stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_fields_answer_infcode_minus_one_naming_the_field_and_nothing_is_filed()
    {
        var (keyA, codeA, _, _, certno) = await SeedAsync();
        var a = Client(keyA);

        Refused(await CallAsync(a, "2501", "bad-1", codeA, Referral(certno).Replace("\"110105\"", "\"999999\"", StringComparison.Ordinal)), "validation-failed", "mdtrtarea_admdvs");
        Refused(await CallAsync(a, "2501", "bad-2", codeA, Referral(certno).Replace("\"insutype\":\"390\"", "\"insutype\":\"999\"", StringComparison.Ordinal)), "validation-failed", "险种");
        Refused(await CallAsync(a, "2501", "bad-3", codeA, Referral(certno, end: "2025-06-01")), "validation-failed", "结束日期 enddate");
        Refused(await CallAsync(a, "2501", "bad-4", codeA, Referral(certno).Replace("\"2025-12-31\"", "\"2025-13-45\"", StringComparison.Ordinal)), "malformed-json", "enddate");
        Refused(await CallAsync(a, "2501", "bad-5", codeA, Referral(certno).Replace("\"refl_rea\":\"本院无法诊治，转上级医院\"", "\"fil_type\":\"4\"", StringComparison.Ordinal)), "validation-failed", "备案原因 refl_reason");
        Refused(await CallAsync(a, "2501", "bad-6", codeA, Referral("130123197104050000")), "person-not-found", "");
        Refused(await CallAsync(a, "2502", "bad-7", codeA, """{"data":{"memo":"撤销"} }"""), "validation-failed", "fil_no");
        FilingCount(certno).ShouldBe(0);

        // A refused write does not burn the msgid's answer: the corrected request under a new msgid files.
        Ok(await CallAsync(a, "2501", "good-1", codeA, Referral(certno)));
        FilingCount(certno).ShouldBe(1);
    }

    [Fact]
    public async Task An_institution_cancels_only_its_own_filings_with_a_reason_and_the_cancellation_is_idempotent()
    {
        var (keyA, codeA, keyB, codeB, certno) = await SeedAsync();
        var a = Client(keyA);
        var b = Client(keyB);
        var filNo = Ok(await CallAsync(a, "2501", "own-" + codeA, codeA, Referral(certno))).GetProperty("trt_dcla_detl_sn").GetString()!;

        // Institution B cannot see, let alone cancel, A's filing; nor a filing made at the agency's counter.
        Refused(await CallAsync(b, "2502", "B-2502-" + codeB, codeB, $$"""{"data":{"psn_no":"{{certno}}","trt_dcla_detl_sn":"{{filNo}}","memo":"误报"} }"""), "filing-not-found", filNo);
        Refused(await CallAsync(b, "2502", "B2-2502-" + codeB, codeA, $$"""{"data":{"trt_dcla_detl_sn":"{{filNo}}","memo":"误报"} }"""), "fixmedins-mismatch", "fixmedins_code");

        Refused(await CallAsync(a, "2502", "A-noreason-" + codeA, codeA, $$"""{"data":{"trt_dcla_detl_sn":"{{filNo}}"} }"""), "validation-failed", "撤销原因 memo");
        var msgid = "A-2502-" + codeA;
        var cancelled = Ok(await CallAsync(a, "2502", msgid, codeA, $$"""{"data":{"psn_no":"{{certno}}","trt_dcla_detl_sn":"{{filNo}}","memo":"患者放弃转院"} }"""));
        cancelled.GetProperty("fil_stas_name").GetString().ShouldBe("已撤销");
        cancelled.GetProperty("cancel_reason").GetString().ShouldBe("患者放弃转院");
        var replay = Ok(await CallAsync(a, "2502", msgid, codeA, $$"""{"data":{"psn_no":"{{certno}}","trt_dcla_detl_sn":"{{filNo}}","memo":"患者放弃转院"} }"""));
        replay.GetProperty("fil_stas_name").GetString().ShouldBe("已撤销");
        Refused(await CallAsync(a, "2502", msgid + "-again", codeA, $$"""{"data":{"fil_no":"{{filNo}}","memo":"再次撤销"} }"""), "filing-already-cancelled", "已撤销");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.OutOfAreaFilings.AsNoTracking().SingleAsync(f => f.FilingNo == filNo);
        stored.Status.ShouldBe(FilingStatus.Cancelled);
        stored.CancelledBy!.ShouldContain(codeA);

        // A counter filing (no institution) is not the institution's to cancel.
        var counter = await scope.ServiceProvider.GetRequiredService<Yibao.Application.OutOfArea.FileOutOfAreaHandler>().HandleAsync(
            new Yibao.Application.OutOfArea.FileOutOfArea(certno, "390", "1", "110105", "北京市朝阳区", new DateOnly(2026, 1, 1), null, "随子女居住"));
        counter.Succeeded.ShouldBeTrue(string.Join("；", counter.Errors.Select(e => e.Message)));
        Refused(await CallAsync(a, "2502", "A-counter-" + codeA, codeA, $$"""{"data":{"trt_dcla_detl_sn":"{{counter.Value!.FilingNo}}","memo":"误报"} }"""), "filing-not-found", counter.Value.FilingNo);
    }
}

file static class FilingErrorsCodes
{
    public const string Overlap = Yibao.Application.OutOfArea.FilingErrors.Overlap;
}
