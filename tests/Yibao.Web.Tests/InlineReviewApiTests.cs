using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Institutions;
using Yibao.Application.Registry;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>2207 over HTTP with a 事中 rule set (YIBAO_REVIEW_RULES): 可疑 warnings in the response and on the staff detail page.</summary>
public sealed class InlineReviewApiTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private const string Rules = """
        { "id": "T-WEB", "name": "测试规则集", "rules": [
          { "id": "T-PC-009", "name": "阿莫西林胶囊每自然月不超过 10 粒（测试）", "type": "frequency", "result": "suspicious", "window": "month", "status": "enabled",
            "parameters": { "items": ["XJ01CAA040A001010100001"], "max_quantity": 10 } } ] }
        """;

    [Fact]
    public async Task Settlement_returns_suspicious_warnings_and_the_staff_detail_page_shows_them()
    {
        var path = Path.Combine(Path.GetTempPath(), "yibao-web-review-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, Rules, TestContext.Current.CancellationToken);
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("YIBAO_REVIEW_RULES", path));

        string key;
        var certno = ResidentId.Create("130123", new DateOnly(1971, 5, 6), 137).Value;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<AppDbContext>();
            var code = "HR" + Guid.NewGuid().ToString("N")[..6];
            db.Institutions.Add(new Institution { Code = code, Name = "丙卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var reg = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "钱七", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]));
            reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
            key = (await sp.GetRequiredService<CreateApiClientHandler>().HandleAsync(new CreateApiClient(code, "HIS"))).Value!.Key;
        }

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        async Task<JsonElement> Post(string url, string msgid, string body)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            req.Headers.Add("msgid", msgid);
            var r = await api.SendAsync(req);
            var text = await r.Content.ReadAsStringAsync();
            r.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            return JsonDocument.Parse(text).RootElement;
        }

        var mdtrt = (await Post("/api/v1/encounters", "R-1", $$"""{"psn_no":"{{certno}}","insutype":"390","med_type":"11","begntime":"2025-06-10"}""")).GetProperty("mdtrt_id").GetString()!;
        await Post($"/api/v1/encounters/{mdtrt}/fee-details", "R-2",
            """{"feedetail":[{"feedetl_sn":"7","med_list_codg":"XJ01CAA040A001010100001","cnt":20,"pric":12.5,"det_item_fee_sumamt":250}]}""");
        var setl = await Post($"/api/v1/encounters/{mdtrt}/settlement", "R-3", """{"medfee_sumamt":250}""");

        var w = setl.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem();
        w.GetProperty("rule_id").GetString().ShouldBe("T-PC-009");
        w.GetProperty("feedetl_sn")[0].GetString().ShouldBe("7");
        w.GetProperty("message").GetString()!.ShouldContain("阿莫西林胶囊每自然月不超过 10 粒（测试）");
        setl.GetProperty("setlinfo").GetProperty("fund_pay_sumamt").GetDecimal().ShouldBeGreaterThan(0m);
        var setlId = setl.GetProperty("setl_id").GetString()!;

        var staff = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await YibaoWebFactory.PostLoginAsync(staff, YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Settlement/Detail/{setlId}", TestContext.Current.CancellationToken));
        page.ShouldContain("id=\"settlement-review-warnings\"");
        page.ShouldContain("T-PC-009");
        page.ShouldContain("阿莫西林胶囊每自然月不超过 10 粒（测试）");
    }
}
