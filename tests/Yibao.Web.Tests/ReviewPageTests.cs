using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Domain.Admin;
using Yibao.Domain.Review;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>智能审核 screens: only 审核员 may open them; rule validation errors name the JSON path; a run and a decision through the pages.</summary>
public sealed class ReviewPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    [Fact]
    public async Task Only_reviewers_open_the_review_screens_and_see_them_in_the_navigation()
    {
        foreach (var role in new[] { Roles.Clerk, Roles.Finance, Roles.Leader, Roles.Administrator, Roles.Auditor })
        {
            var other = await UserWithRoleAsync(role);
            foreach (var page in new[] { "/Review/Rules", "/Review/Rules/Edit", "/Review/Runs", "/Review/Flags" })
            {
                (await other.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role + " " + page);
            }

            (await other.GetStringAsync("/")).ShouldNotContain("疑点审核");
        }

        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        var home = await reviewer.GetStringAsync("/");
        home.ShouldContain("智能审核");
        home.ShouldContain("/Review/Flags");
        foreach (var page in new[] { "/Review/Rules", "/Review/Rules/Edit", "/Review/Runs", "/Review/Flags" })
        {
            (await reviewer.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK, page);
        }
    }

    [Fact]
    public async Task A_reviewer_gets_path_named_errors_saves_and_enables_a_rule_and_runs_it()
    {
        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        var code = "W-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        KeyValuePair<string, string>[] Form(string parameters) =>
        [
            new("Code", code), new("Name", "网页测试限价规则"), new("Type", nameof(ReviewRuleType.PriceCap)), new("Result", nameof(ReviewResultType.Suspicious)),
            new("Window", nameof(ReviewWindow.Encounter)), new("Stages", nameof(ReviewStage.Post)), new("Status", nameof(ReviewRuleStatus.Draft)),
            new("ScopeJson", "{}"), new("ParametersJson", parameters), new("TestFrom", "2025-01-01"), new("TestTo", "2025-12-31"),
        ];

        var bad = await (await YibaoWebFactory.PostFormAsync(reviewer, "/Review/Rules/Edit", "/Review/Rules/Edit?handler=Save",
            Form("""{ "items": ["XJ01CAA040A001010100001"] }"""))).Content.ReadAsStringAsync();
        bad.ShouldContain($"$.parameters.max_price：规则“{code}”（超限价）");
        var badJson = await (await YibaoWebFactory.PostFormAsync(reviewer, "/Review/Rules/Edit", "/Review/Rules/Edit?handler=Save", Form("{ items"))).Content.ReadAsStringAsync();
        badJson.ShouldContain("$.parameters：参数不是有效的 JSON");
        (await app.WithServiceAsync<int, AppDbContext>(db => db.ReviewRules.CountAsync(r => r.RuleCode == code))).ShouldBe(0);

        var tested = await (await YibaoWebFactory.PostFormAsync(reviewer, "/Review/Rules/Edit", "/Review/Rules/Edit?handler=Test",
            Form("""{ "items": ["XJ01CAA040A001010100001"], "max_price": 1 }"""))).Content.ReadAsStringAsync();
        tested.ShouldContain("id=\"test-result\"");
        (await app.WithServiceAsync<int, AppDbContext>(db => db.ReviewRules.CountAsync(r => r.RuleCode == code))).ShouldBe(0);

        var saved = await (await YibaoWebFactory.PostFormAsync(reviewer, "/Review/Rules/Edit", "/Review/Rules/Edit?handler=Save",
            Form("""{ "items": ["XJ01CAA040A001010100001"], "max_price": 1 }"""))).Content.ReadAsStringAsync();
        saved.ShouldContain($"规则 {code} 已保存（版本 1，状态：草稿）");

        var enabled = await (await YibaoWebFactory.PostFormAsync(reviewer, "/Review/Rules", $"/Review/Rules?handler=Status&code={code}",
            [new("to", nameof(ReviewRuleStatus.Enabled))])).Content.ReadAsStringAsync();
        enabled.ShouldContain($"规则 {code} 已启用（版本 2）");
        (await app.WithServiceAsync<StoredReviewRule, AppDbContext>(db => db.ReviewRules.AsNoTracking().SingleAsync(r => r.RuleCode == code))).Status.ShouldBe(ReviewRuleStatus.Enabled);

        var run = await (await YibaoWebFactory.PostFormAsync(reviewer, "/Review/Runs", "/Review/Runs",
            [new("From", "2025-01-01"), new("To", "2025-12-31"), new("RuleCodes", code)])).Content.ReadAsStringAsync();
        run.ShouldContain("id=\"run-message\"");
        var bad2 = await (await YibaoWebFactory.PostFormAsync(reviewer, "/Review/Runs", "/Review/Runs",
            [new("From", "2025-13-01"), new("To", "2025-12-31")])).Content.ReadAsStringAsync();
        bad2.ShouldContain("开始日期：须为 yyyy-MM-dd 格式的日期");

        var export = await reviewer.GetAsync("/Review/Rules?handler=Export");
        (await export.Content.ReadAsStringAsync()).ShouldContain(code);
    }
}
