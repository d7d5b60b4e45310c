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

public sealed class SettlementApiTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private static readonly string Certno = ResidentId.Create("130123", new DateOnly(1970, 5, 6), 135).Value;

    private async Task<(string KeyA, string KeyB, long ClientA)> SeedAsync()
    {
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        db.Institutions.AddRange(
            new Institution { Code = "HA" + suffix, Name = "甲卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" },
            new Institution { Code = "HB" + suffix, Name = "乙卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" });
        await db.SaveChangesAsync();
        var rid = ResidentId.Parse(Certno);
        if (!await db.Persons.AnyAsync(x => x.ResidentId == rid))
        {
            var reg = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(Certno, "赵六", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]));
            reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        }

        var create = sp.GetRequiredService<CreateApiClientHandler>();
        var a = (await create.HandleAsync(new CreateApiClient("HA" + suffix, "HIS"))).Value!;
        var b = (await create.HandleAsync(new CreateApiClient("HB" + suffix, "HIS"))).Value!;
        return (a.Key, b.Key, a.Id);
    }

    private HttpClient Client(string? key)
    {
        var c = factory.CreateClient();
        if (key is not null)
        {
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

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
    public async Task Institution_settles_with_its_key_replays_by_msgid_and_cannot_see_another_institutions_data()
    {
        var (keyA, keyB, clientA) = await SeedAsync();
        var a = Client(keyA);
        var b = Client(keyB);

        (await Client(null).GetAsync($"/api/v1/persons/{Certno}/accumulators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var bad = await Client("yb_not-a-real-key").GetAsync($"/api/v1/persons/{Certno}/accumulators");
        bad.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await JsonOf(bad)).GetProperty("code").GetString().ShouldBe("invalid-api-key");

        var reg = await PostAsync(a, "/api/v1/encounters", "A-1", $$"""{"psn_no":"{{Certno}}","insutype":"390","med_type":"11","begntime":"2025-06-10"}""");
        reg.StatusCode.ShouldBe(HttpStatusCode.OK, await reg.Content.ReadAsStringAsync());
        var mdtrt = (await JsonOf(reg)).GetProperty("mdtrt_id").GetString()!;

        var noMsgid = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/fee-details", null, "{}");
        (await JsonOf(noMsgid)).GetProperty("code").GetString().ShouldBe("msgid-required");
        var malformed = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/fee-details", "A-2", "{\"feedetail\": [ {\"cnt\": \"x\"");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonOf(malformed)).GetProperty("code").GetString().ShouldBe("malformed-json");

        var up = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/fee-details", "A-3",
            """{"feedetail":[{"feedetl_sn":"1","med_list_codg":"XJ01CAA040A001010100001","cnt":4,"pric":12.5,"det_item_fee_sumamt":50},{"feedetl_sn":"2","med_list_codg":"NO-SUCH","cnt":1,"pric":10,"det_item_fee_sumamt":10}]}""");
        up.StatusCode.ShouldBe(HttpStatusCode.OK, await up.Content.ReadAsStringAsync());
        (await JsonOf(up)).GetProperty("result")[1].GetProperty("in_catalog").GetBoolean().ShouldBeFalse();

        // Institution B can neither touch A's encounter nor read A's settlement.
        var foreign = await PostAsync(b, $"/api/v1/encounters/{mdtrt}/settlement", "B-1", """{"medfee_sumamt":60}""");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonOf(foreign)).GetProperty("code").GetString().ShouldBe("encounter-not-found");

        var mismatch = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/settlement", "A-4", """{"medfee_sumamt":61}""");
        mismatch.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await JsonOf(mismatch)).GetProperty("code").GetString().ShouldBe("total-mismatch");

        var settle = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/settlement", "A-5", """{"medfee_sumamt":60}""");
        settle.StatusCode.ShouldBe(HttpStatusCode.OK, await settle.Content.ReadAsStringAsync());
        var body = await settle.Content.ReadAsStringAsync();
        var setl = JsonDocument.Parse(body).RootElement;
        setl.GetProperty("setlinfo").GetProperty("medfee_sumamt").GetDecimal().ShouldBe(60m);
        var setlId = setl.GetProperty("setl_id").GetString()!;

        var replay = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/settlement", "A-5", """{"medfee_sumamt":60}""");
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldContain("true");
        (await replay.Content.ReadAsStringAsync()).ShouldBe(body);
        var conflict = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/settlement", "A-5", """{"medfee_sumamt":59}""");
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonOf(conflict)).GetProperty("code").GetString().ShouldBe("msgid-conflict");
        var twice = await PostAsync(a, $"/api/v1/encounters/{mdtrt}/settlement", "A-6", """{"medfee_sumamt":60}""");
        (await JsonOf(twice)).GetProperty("code").GetString().ShouldBe("already-settled");

        (await b.GetAsync($"/api/v1/settlements/{setlId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bCancel = await PostAsync(b, $"/api/v1/settlements/{setlId}/cancel", "B-2", "");
        bCancel.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.GetAsync($"/api/v1/settlements/{setlId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cancel = await PostAsync(a, $"/api/v1/settlements/{setlId}/cancel", "A-7", """{"memo":"退费"}""");
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        var acc = await JsonOf(await a.GetAsync($"/api/v1/persons/{Certno}/accumulators?year=2025"));
        acc.GetProperty("cuminfo").GetArrayLength().ShouldBe(0);

        // A revoked key stops working at once.
        using (var scope = factory.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<RevokeApiClientHandler>().HandleAsync(new RevokeApiClient(clientA))).Succeeded.ShouldBeTrue();
        }

        (await a.GetAsync($"/api/v1/settlements/{setlId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Administrator_creates_a_key_on_the_staff_page_and_it_is_shown_once()
    {
        var (keyA, keyB, _) = await SeedAsync();
        var client = factory.NewClient();
        await YibaoWebFactory.PostLoginAsync(client, YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var page = await client.GetStringAsync("/Admin/ApiClients");
        page.ShouldContain("接口密钥");
        page.ShouldContain("甲卫生院");
        // Keys are never listed again (only their short hint).
        page.ShouldNotContain(keyA);
        page.ShouldNotContain(keyB);
    }
}
