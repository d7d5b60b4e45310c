using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Domain.Admin;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>基金监管 screens: who may read and write, Chinese errors, evidence upload and download, Excel exports.</summary>
public sealed partial class SupervisionPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "s" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    private async Task<string> InstitutionAsync(InstitutionType type)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var inst = new Institution { Code = "SV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Name = "监管测试机构", Type = type, PoolAreaCode = "130123" };
        db.Institutions.Add(inst);
        await db.SaveChangesAsync();
        return inst.Code;
    }

    [GeneratedRegex("/Supervision/Case\\?id=(\\d+)|/Supervision/Case/(\\d+)")]
    private static partial Regex CaseLink();

    [Fact]
    public async Task Only_auditors_finance_and_leaders_see_supervision_and_only_auditors_write()
    {
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        foreach (var page in new[] { "/Supervision", "/Supervision/Inspections", "/Supervision/Complaints", "/Supervision/Summary", "/Supervision/Policy" })
        {
            (await clerk.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, page);
        }

        (await clerk.GetStringAsync("/")).ShouldNotContain("基金监管");

        var leader = await UserWithRoleAsync(Roles.Leader);
        var home = await leader.GetStringAsync("/");
        home.ShouldContain("基金监管");
        home.ShouldContain("/Supervision/Summary");
        var leaderCases = await leader.GetStringAsync("/Supervision");
        leaderCases.ShouldNotContain("id=\"open-case-form\"");
        (await leader.GetStringAsync("/Supervision/Complaints")).ShouldNotContain("id=\"complaint-form\"");
        (await leader.GetStringAsync("/Supervision/Policy")).ShouldNotContain("id=\"policy-form\"");
        var forbidden = await YibaoWebFactory.PostFormAsync(leader, "/Supervision", "/Supervision?handler=Open",
            [new("SourceType", "Manual"), new("SourceRef", "X-1"), new("Summary", "x"), new("LeadAmount", "1"), new("ReceivedOn", Today)]);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var finance = await UserWithRoleAsync(Roles.Finance);
        (await finance.GetAsync("/Supervision/Summary")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await YibaoWebFactory.PostFormAsync(finance, "/Supervision/Policy", "/Supervision/Policy",
            [new("EffectiveFrom", "2026-01-01"), new("PenaltyMultipleMin", "1"), new("PenaltyMultipleMax", "2"), new("PenaltyMultipleDefault", "1"),
             new("RewardTiers", "以上 5%"), new("RewardFloor", "0"), new("RewardCap", "100")])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_auditor_enters_a_manual_lead_with_Chinese_errors_uploads_evidence_and_finance_sees_the_payment_form()
    {
        var code = await InstitutionAsync(InstitutionType.Pharmacy);
        var auditor = await UserWithRoleAsync(Roles.Auditor);
        var bad = await YibaoWebFactory.PostFormAsync(auditor, "/Supervision", "/Supervision?handler=Open",
            [new("SourceType", "Manual"), new("SourceRef", ""), new("InstitutionCode", code), new("Summary", ""), new("Fund", "ResidentPool"), new("LeadAmount", "abc"), new("ReceivedOn", Today)]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("线索金额：须为数字");
        var bad2 = await YibaoWebFactory.PostFormAsync(auditor, "/Supervision", "/Supervision?handler=Open",
            [new("SourceType", "Manual"), new("SourceRef", ""), new("InstitutionCode", code), new("Summary", ""), new("Fund", "ResidentPool"), new("LeadAmount", "10"), new("ReceivedOn", Today)]);
        var bad2Html = await bad2.Content.ReadAsStringAsync();
        bad2Html.ShouldContain("案由：不能为空");
        bad2Html.ShouldContain("来源编号：手工录入须填写来文号等来源编号，智能审核疑点须填写疑点编号");

        var ok = await YibaoWebFactory.PostFormAsync(auditor, "/Supervision", "/Supervision?handler=Open",
            [new("SourceType", "ReviewFlag"), new("SourceRef", "FLAG-" + code), new("InstitutionCode", code), new("Summary", "超量开药"), new("Fund", "ResidentPool"), new("LeadAmount", "300"), new("ReceivedOn", Today)]);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var caseUrl = ok.Headers.Location!.OriginalString;
        var casePage = await auditor.GetStringAsync(caseUrl);
        casePage.ShouldContain("智能审核疑点");
        casePage.ShouldContain("id=\"step-form\"");

        // Evidence upload (multipart) and download with the same bytes.
        var token = await YibaoWebFactory.GetTokenAsync(auditor, caseUrl);
        var bytes = "询问笔录：药店负责人承认超量销售"u8.ToArray();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "Upload", "询问笔录.txt" },
            { new StringContent("询问笔录"), "FileDescription" },
        };
        var up = await auditor.PostAsync(caseUrl + (caseUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=Upload", form);
        var upHtml = await up.Content.ReadAsStringAsync();
        upHtml.ShouldContain("证据材料已上传：询问笔录.txt");
        long caseId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var sc = await db.SupervisionCases.AsNoTracking().SingleAsync(c => c.SourceRef == "FLAG-" + code);
            caseId = sc.Id;
            var e = await db.EvidenceFiles.AsNoTracking().SingleAsync(x => x.CaseId == sc.Id);
            e.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            (await auditor.GetByteArrayAsync($"/Supervision/Case?id={sc.Id}&handler=Evidence&evidenceId={e.Id}")).ShouldBe(bytes);
        }

        // Invalid transition from the page: a Chinese error, not a 500.
        var wrong = await YibaoWebFactory.PostFormAsync(auditor, caseUrl, $"/Supervision/Case?id={caseId}&handler=Step", [new("StepAction", "Close"), new("Date", Today), new("Reason", "x")]);
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("结案：案件当前状态为“线索”，不能结案");

        foreach (var (action, reason) in new[] { ("File", "证据充分"), ("Investigate", "调取进销存") })
        {
            (await YibaoWebFactory.PostFormAsync(auditor, caseUrl, $"/Supervision/Case?id={caseId}&handler=Step", [new("StepAction", action), new("Date", Today), new("Reason", reason)])).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var decided = await YibaoWebFactory.PostFormAsync(auditor, caseUrl, $"/Supervision/Case?id={caseId}&handler=Decide",
            [new("DecisionNo", "稽决-" + code), new("Date", Today), new("Reason", "属实"), new("RecoveryAmount", "300"), new("PenaltyMultiple", "9")]);
        (await decided.Content.ReadAsStringAsync()).ShouldContain("违约金倍数：须在 1–5 倍之间（稽核政策参数）");
        decided = await YibaoWebFactory.PostFormAsync(auditor, caseUrl, $"/Supervision/Case?id={caseId}&handler=Decide",
            [new("DecisionNo", "稽决-" + code), new("Date", Today), new("Reason", "属实"), new("RecoveryAmount", "300"), new("PenaltyMultiple", "2")]);
        (await decided.Content.ReadAsStringAsync()).ShouldContain("处理决定已登记");

        // The auditor cannot record the payment; finance can and sees the form.
        var auditorPay = await YibaoWebFactory.PostFormAsync(auditor, caseUrl, $"/Supervision/Case?id={caseId}&handler=Pay", [new("OutcomeId", "1"), new("Date", Today), new("PaymentNo", "x")]);
        auditorPay.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var finance = await UserWithRoleAsync(Roles.Finance);
        var financeCase = await finance.GetStringAsync(caseUrl);
        financeCase.ShouldContain("登记到账");
        financeCase.ShouldNotContain("id=\"step-form\"");

        // 部分缴纳 from the page (amount optional), Chinese errors for a bad or too large amount; 申诉改判 by the auditor.
        long recoveryId, penaltyId;
        using (var scope = app.Services.CreateScope())
        {
            var outcomes = await scope.ServiceProvider.GetRequiredService<AppDbContext>().CaseOutcomes.AsNoTracking().Where(o => o.CaseId == caseId).ToListAsync();
            recoveryId = outcomes.Single(o => o.Kind == OutcomeKind.Recovery).Id;
            penaltyId = outcomes.Single(o => o.Kind == OutcomeKind.Penalty).Id;
        }

        Task<HttpResponseMessage> Pay(string amount, string no) => YibaoWebFactory.PostFormAsync(finance, caseUrl, $"/Supervision/Case?id={caseId}&handler=Pay",
            [new("OutcomeId", recoveryId.ToString(CultureInfo.InvariantCulture)), new("Date", Today), new("PaymentNo", no), new("PaymentAmount", amount)]);
        (await (await Pay("abc", "WP1-" + code)).Content.ReadAsStringAsync()).ShouldContain("缴款金额：须为数字");
        var part = await (await Pay("100", "WP1-" + code)).Content.ReadAsStringAsync();
        part.ShouldContain("部分缴纳");
        part.ShouldContain("WP1-" + code);
        (await (await Pay("500", "WP2-" + code)).Content.ReadAsStringAsync()).ShouldContain("缴款金额：500.00 元超过未缴金额 200.00 元");
        (await (await Pay("", "WP2-" + code)).Content.ReadAsStringAsync()).ShouldContain("已缴清");
        var reversed = await YibaoWebFactory.PostFormAsync(auditor, caseUrl, $"/Supervision/Case?id={caseId}&handler=Reverse",
            [new("OutcomeId", penaltyId.ToString(CultureInfo.InvariantCulture)), new("Date", Today), new("Reason", "复议决定撤销违约金")]);
        var reversedHtml = await reversed.Content.ReadAsStringAsync();
        reversedHtml.ShouldContain("申诉改判已登记");
        reversedHtml.ShouldContain("申诉改判撤销：复议决定撤销违约金");
        var liftExpired = await YibaoWebFactory.PostFormAsync(auditor, "/Supervision", "/Supervision?handler=LiftExpired", []);
        (await liftExpired.Content.ReadAsStringAsync()).ShouldContain("id=\"lift-expired-message\"");

        var excel = await auditor.GetAsync("/Supervision?handler=Export");
        excel.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var summary = await finance.GetAsync("/Supervision/Summary?handler=Excel");
        summary.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await finance.GetStringAsync("/Supervision/Summary")).ShouldContain("定点零售药店");
    }
}
