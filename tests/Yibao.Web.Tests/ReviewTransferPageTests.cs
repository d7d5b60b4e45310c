using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Domain.Admin;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>移送稽核 on the review queue: the 审核员 sees the button and the result, a second transfer is refused, the case page shows the flag's evidence.</summary>
public sealed partial class ReviewTransferPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    [GeneratedRegex("/Supervision/Case\\?id=(\\d+)|/Supervision/Case/(\\d+)")]
    private static partial Regex CaseLink();

    private static bool HasTransferForm(string html, long flag) =>
        Regex.IsMatch(html, $"action=\"/Review/Flags\\?flag={flag}&amp;[^\"]*handler=Transfer\"");

    /// <summary>A 可疑 flag (and a 明确 one) on a fresh institution, person and encounter; returns the rule code and the flag ids.</summary>
    private async Task<(string Rule, long Suspicious, long Definite)> FlagsAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var inst = new Institution { Code = "RT" + tag, Name = "移送测试卫生院", Type = InstitutionType.Hospital, PoolAreaCode = "130123" };
        var seq = Random.Shared.Next(1, 999);
        var person = new Person
        {
            PersonNo = "P" + tag, Name = "欧阳明月", Gender = Gender.Female, BirthDate = new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 9000)),
            PoolAreaCode = "130123",
        };
        person.ResidentId = ResidentId.Create("130123", person.BirthDate, seq);
        db.Institutions.Add(inst);
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        var enc = new MedicalEncounter
        {
            MdtrtId = "MT" + tag, InstitutionId = inst.Id, PersonId = person.Id, PsnNo = person.PersonNo, Insutype = "390", MedType = VisitType.GeneralOutpatient,
            BeginDate = new DateOnly(2025, 6, 10), PoolAreaCode = "130123", CreatedAt = DateTime.UtcNow,
        };
        db.MedicalEncounters.Add(enc);
        var run = new ReviewRun { FromDate = new DateOnly(2025, 6, 1), ToDate = new DateOnly(2025, 6, 30), RuleCodes = "RT-" + tag, StartedBy = "test", StartedAt = DateTime.UtcNow };
        db.ReviewRuns.Add(run);
        await db.SaveChangesAsync();
        ReviewFlagRecord Flag(ReviewResultType result, decimal amount, ReviewFlagStatus status) => new()
        {
            RunId = run.Id, RuleCode = "RT-" + tag, RuleName = "阿莫西林超量（移送测试）", RuleType = ReviewRuleType.Frequency, Result = result, InstitutionId = inst.Id,
            PersonId = person.Id, EncounterId = enc.Id, Insutype = "390", FeeDate = enc.BeginDate, LineIds = "1,2", LineCount = 2, Amount = amount,
            Parameter = "max_quantity=30", Reason = "一次就诊开具 40 粒，超过 30 粒", Status = status,
        };
        var s = Flag(ReviewResultType.Suspicious, 125.5m, ReviewFlagStatus.Pending);
        var d = Flag(ReviewResultType.Definite, 80m, ReviewFlagStatus.Accepted);
        db.ReviewFlags.AddRange(s, d);
        await db.SaveChangesAsync();
        return ("RT-" + tag, s.Id, d.Id);
    }

    [Fact]
    public async Task A_reviewer_transfers_a_suspicious_flag_to_supervision_once_and_the_case_shows_the_flag_evidence()
    {
        var (rule, flag, definite) = await FlagsAsync();
        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        var url = "/Review/Flags?Rule=" + rule;
        var queue = await reviewer.GetStringAsync(url);
        HasTransferForm(queue, flag).ShouldBeTrue();
        HasTransferForm(queue, definite).ShouldBeFalse();
        queue.ShouldContain("移送稽核");

        var empty = await (await YibaoWebFactory.PostFormAsync(reviewer, url, $"/Review/Flags?handler=Transfer&flag={flag}&Rule={rule}", [new("transferReason", "")]))
            .Content.ReadAsStringAsync();
        empty.ShouldContain("移送理由：不能为空");

        var moved = await (await YibaoWebFactory.PostFormAsync(reviewer, url, $"/Review/Flags?handler=Transfer&flag={flag}&Rule={rule}",
            [new("transferReason", "多次超量，需现场核查")])).Content.ReadAsStringAsync();
        var sc = await app.WithServiceAsync<SupervisionCase, AppDbContext>(db =>
            db.SupervisionCases.AsNoTracking().SingleAsync(c => c.SourceType == CaseSourceType.ReviewFlag && c.SourceRef == flag.ToString(CultureInfo.InvariantCulture)));
        sc.Status.ShouldBe(CaseStatus.Lead);
        sc.LeadAmount.ShouldBe(125.5m);
        moved.ShouldContain($"疑点 {flag} 已移送稽核，登记为线索，案件编号 {sc.CaseNo}。");
        moved.ShouldContain("已移送");
        HasTransferForm(moved, flag).ShouldBeFalse();
        // 审核员 may not open /Supervision: the case number is shown without a link.
        CaseLink().IsMatch(moved).ShouldBeFalse();

        var again = await (await YibaoWebFactory.PostFormAsync(reviewer, url, $"/Review/Flags?handler=Transfer&flag={flag}&Rule={rule}",
            [new("transferReason", "再次移送")])).Content.ReadAsStringAsync();
        again.ShouldContain($"来源编号：智能审核疑点 {flag} 已经立过案件");
        (await app.WithServiceAsync<int, AppDbContext>(db =>
            db.SupervisionCases.CountAsync(c => c.SourceType == CaseSourceType.ReviewFlag && c.SourceRef == flag.ToString(CultureInfo.InvariantCulture)))).ShouldBe(1);

        // A user who is also 稽核员 may open /Supervision: the case number links to the case.
        var both = "tb" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(both, "审核稽核", "Test-Pass-2024", [Roles.Reviewer, Roles.Auditor], mustChangePassword: false);
        var linked = await (await app.LoginAsync(both, "Test-Pass-2024")).GetStringAsync(url);
        CaseLink().Match(linked).Groups.Values.Skip(1).First(g => g.Success).Value.ShouldBe(sc.Id.ToString(CultureInfo.InvariantCulture));

        // The 稽核员 sees the 线索 with the flag's evidence; the person's name is masked.
        var auditor = await UserWithRoleAsync(Roles.Auditor);
        var page = await auditor.GetStringAsync($"/Supervision/Case?id={sc.Id}");
        page.ShouldContain($"线索来源：智能审核疑点 {flag}");
        page.ShouldContain(rule);
        page.ShouldContain("移送测试卫生院");
        page.ShouldContain("125.50");
        page.ShouldContain("一次就诊开具 40 粒，超过 30 粒");
        page.ShouldContain(Masking.Name("欧阳明月"));
        page.ShouldNotContain("欧阳明月");
    }
}
