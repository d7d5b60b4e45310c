using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Funds;
using Yibao.Application.Institutions;
using Yibao.Domain.Admin;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>Stored 月结算单: GET /api/v1/statements scoped to the calling institution, and 生成并冻结 on /Funds/Statements.</summary>
public sealed class StoredStatementApiTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private static readonly DateOnly LastMonth = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddMonths(-1);
    private static string Period => LastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<(string CodeA, string KeyA, string CodeB, string KeyB)> InstitutionsAsync()
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        db.Institutions.AddRange(
            new Institution { Code = "SA" + suffix, Name = "结算单甲医院", Type = InstitutionType.Hospital, Level = InstitutionLevel.Second, PoolAreaCode = "130123" },
            new Institution { Code = "SB" + suffix, Name = "结算单乙卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" });
        await db.SaveChangesAsync();
        var create = sp.GetRequiredService<CreateApiClientHandler>();
        var a = (await create.HandleAsync(new CreateApiClient("SA" + suffix, "HIS"))).Value!;
        var b = (await create.HandleAsync(new CreateApiClient("SB" + suffix, "HIS"))).Value!;
        foreach (var code in new[] { "SA" + suffix, "SB" + suffix })
        {
            var g = await sp.GetRequiredService<GenerateStatementsHandler>().HandleAsync(new GenerateStatements(LastMonth.Year, LastMonth.Month, code));
            g.Succeeded.ShouldBeTrue(string.Join("；", g.Errors.Select(e => e.Message)));
        }

        return ("SA" + suffix, a.Key, "SB" + suffix, b.Key);
    }

    private HttpClient Client(string key)
    {
        var c = app.CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    [Fact]
    public async Task An_institution_reads_only_its_own_stored_statements_and_a_bad_month_is_a_problem_with_the_field()
    {
        var (codeA, keyA, codeB, keyB) = await InstitutionsAsync();
        var a = await Client(keyA).GetAsync($"/api/v1/statements?month={Period}");
        a.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = JsonDocument.Parse(await a.Content.ReadAsStringAsync()).RootElement;
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("fixmedins_code").GetString().ShouldBe(codeA);
        list[0].GetProperty("stmt_no").GetString().ShouldBe($"JS{LastMonth:yyyyMM}-{codeA}");
        list[0].GetProperty("stmt_ym").GetString().ShouldBe(Period);
        list[0].GetProperty("stmt_stas_name").GetString().ShouldBe("已生成");
        list[0].GetProperty("payable_sumamt").GetDecimal().ShouldBe(0m);
        (await Client(keyA).GetStringAsync("/api/v1/statements")).ShouldNotContain(codeB);
        (await Client(keyB).GetStringAsync("/api/v1/statements")).ShouldNotContain(codeA);

        var bad = await Client(keyA).GetAsync("/api/v1/statements?month=2026-13");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("validation-failed");
        problem.GetProperty("field").GetString().ShouldBe("month");
        problem.GetProperty("detail").GetString()!.ShouldContain("结算月份 month");
        (await app.CreateClient().GetAsync("/api/v1/statements")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Finance_generates_and_freezes_from_the_funds_screen_and_other_roles_cannot()
    {
        var (codeA, _, _, _) = await InstitutionsAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Institutions.Add(new Institution { Code = codeA + "C", Name = "结算单丙药店", Type = InstitutionType.Pharmacy, Level = InstitutionLevel.Unrated, PoolAreaCode = "130123" });
            await db.SaveChangesAsync();
        }

        var name = "f" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试财务", "Test-Pass-2024", [Roles.Finance], mustChangePassword: false);
        var finance = await app.LoginAsync(name, "Test-Pass-2024");
        var url = $"/Funds/Statements?Institution={codeA}&Period={Period}";
        var page = await finance.GetStringAsync(url);
        page.ShouldContain($"JS{LastMonth:yyyyMM}-{codeA}");
        page.ShouldContain("已生成");

        var codeC = codeA + "C";
        var urlC = $"/Funds/Statements?Institution={codeC}&Period={Period}";
        (await finance.GetStringAsync(urlC)).ShouldContain("本月尚未生成月结算单");
        var generated = await YibaoWebFactory.PostFormAsync(finance, urlC, "/Funds/Statements?handler=Generate", [new("Institution", codeC), new("Period", Period)]);
        var html = await generated.Content.ReadAsStringAsync();
        html.ShouldContain("新生成 1 张");
        html.ShouldContain($"JS{LastMonth:yyyyMM}-{codeC}");
        var thisMonth = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var early = await YibaoWebFactory.PostFormAsync(finance, urlC, "/Funds/Statements?handler=Generate", [new("Institution", codeC), new("Period", thisMonth)]);
        (await early.Content.ReadAsStringAsync()).ShouldContain("尚未结束");

        var rname = "v" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(rname, "测试审核", "Test-Pass-2024", [Roles.Reviewer], mustChangePassword: false);
        var reviewer = await app.LoginAsync(rname, "Test-Pass-2024");
        (await YibaoWebFactory.PostFormAsync(reviewer, urlC, "/Funds/Statements?handler=Generate", [new("Institution", codeC), new("Period", Period)])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
