using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>结算查询/明细/撤销, 定点医药机构, 月结算单/拨付, 科目余额表: roles and round trips through the real pages.</summary>
public sealed class SettlementOpsPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private static int _seq = 400;

    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    /// <summary>A fresh institution and person with one real outpatient settlement (through the online handlers).</summary>
    private async Task<(string Code, string SetlId, string PsnNo, long PersonId, decimal Owed)> SettleAsync()
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var inst = new Institution { Code = "HW" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Name = "网页测试卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
        db.Institutions.Add(inst);
        await db.SaveChangesAsync();
        var certno = ResidentId.Create("130123", new DateOnly(1975, 4, 5), Interlocked.Increment(ref _seq)).Value;
        var reg = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "孙七", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.ResidentId == ResidentId.Parse(certno));
        var caller = new InstitutionCaller(inst.Id, inst.Code);
        var enc = await sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(person.PersonNo, "390", "11", new DateOnly(2025, 6, 10)));
        enc.Succeeded.ShouldBeTrue(string.Join("；", enc.Errors.Select(e => e.Message)));
        (await sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(enc.Value!.MdtrtId,
            [new FeeDetailInput("1", "XJ01CAA040A001010100001", 40, 12.5m, 500m)]))).Succeeded.ShouldBeTrue();
        var setl = await sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(enc.Value.MdtrtId, 500m));
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
        return (inst.Code, setl.Value!.SetlId!, person.PersonNo, person.Id, setl.Value.Setlinfo["hifp_pay"]);
    }

    private async Task<SettlementRecord> StoredAsync(string setlId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().SingleAsync(s => s.SetlId == setlId);
    }

    [Fact]
    public async Task Clerk_can_search_and_read_a_settlement_but_cannot_cancel_it_and_a_reviewer_cancels_with_a_reason()
    {
        var (code, setlId, psnNo, personId, _) = await SettleAsync();
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

        var list = await clerk.GetStringAsync($"/Settlement?Institution={code}");
        list.ShouldContain(setlId);
        (await clerk.GetStringAsync($"/Settlement?Person={psnNo}&Min=1&Max=100000")).ShouldContain(setlId);
        (await clerk.GetStringAsync($"/Settlement?Person={psnNo}&Min=600")).ShouldNotContain(setlId);
        (await clerk.GetStringAsync("/Settlement?From=2026-13-01")).ShouldContain("结算日期（起）：须为 yyyy-MM-dd 格式的日期");
        var export = await clerk.GetAsync($"/Settlement?handler=Export&Institution={code}");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var detail = await clerk.GetStringAsync($"/Settlement/Detail/{setlId}");
        detail.ShouldContain("计算过程");
        detail.ShouldContain("基本医疗保险统筹基金支出");
        detail.ShouldContain("应付定点医药机构结算款");
        detail.ShouldNotContain("id=\"cancel-form\"");
        var token = await YibaoWebFactory.GetTokenAsync(clerk, $"/Settlement/Detail/{setlId}");
        var forbidden = await clerk.PostAsync($"/Settlement/Detail/{setlId}?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reason"] = "想撤销", ["__RequestVerificationToken"] = token,
        }));
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await StoredAsync(setlId)).Status.ShouldBe(SettlementStatus.Settled);

        // The person page lists the settlement and the year's accumulators.
        var personPage = await clerk.GetStringAsync($"/Registry/Persons/Detail/{personId}");
        personPage.ShouldContain(setlId);
        personPage.ShouldContain("年度累计");

        var leader = await UserWithRoleAsync(Roles.Leader);
        (await leader.GetAsync("/Settlement")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        (await reviewer.GetStringAsync($"/Settlement/Detail/{setlId}")).ShouldContain("id=\"cancel-form\"");
        var empty = await YibaoWebFactory.PostFormAsync(reviewer, $"/Settlement/Detail/{setlId}", $"/Settlement/Detail/{setlId}?handler=Cancel", [new("Reason", "")]);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("撤销原因：不能为空");
        (await StoredAsync(setlId)).Status.ShouldBe(SettlementStatus.Settled);
        var ok = await YibaoWebFactory.PostFormAsync(reviewer, $"/Settlement/Detail/{setlId}", $"/Settlement/Detail/{setlId}?handler=Cancel", [new("Reason", "重复结算")]);
        var okHtml = await ok.Content.ReadAsStringAsync();
        okHtml.ShouldContain("结算已撤销");
        okHtml.ShouldContain("重复结算");
        var stored = await StoredAsync(setlId);
        stored.Status.ShouldBe(SettlementStatus.Cancelled);
        stored.CancelledBy.ShouldNotBeNull();
        stored.ReversalJournalEntryId.ShouldNotBeNull();
    }

    [Fact]
    public async Task Institutions_are_read_by_staff_and_written_only_by_the_administrator_with_Chinese_errors()
    {
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        (await clerk.GetAsync("/Institutions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clerk.GetAsync("/Institutions/Edit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = await app.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var code = "PW" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var bad = await YibaoWebFactory.PostFormAsync(admin, "/Institutions/Edit", "/Institutions/Edit",
        [
            new("Code", code), new("Name", "网页测试药房"), new("Type", "Pharmacy"), new("Level", "Unrated"), new("PoolAreaCode", "130123"),
            new("AgreementStart", "2026-01-01"), new("AgreementEnd", "2028-12-31"), new("Status", "Suspended"), new("StatusReason", ""),
        ]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("暂停/解除原因：协议状态为暂停或解除时必须填写原因");
        var ok = await YibaoWebFactory.PostFormAsync(admin, "/Institutions/Edit", "/Institutions/Edit",
        [
            new("Code", code), new("Name", "网页测试药房"), new("Type", "Pharmacy"), new("Level", "Unrated"), new("PoolAreaCode", "130123"),
            new("AgreementStart", "2026-01-01"), new("AgreementEnd", "2028-12-31"), new("Status", "Suspended"), new("StatusReason", "飞行检查发现串换药品"),
        ]);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await clerk.GetStringAsync($"/Institutions?Q={code}");
        list.ShouldContain("网页测试药房");
        list.ShouldContain("零售药店");
        list.ShouldContain("飞行检查发现串换药品");
    }

    [Fact]
    public async Task Finance_generates_a_statement_exports_it_and_records_a_disbursement_and_the_trial_balance_balances()
    {
        var (code, _, _, _, owed) = await SettleAsync();
        var period = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        (await clerk.GetAsync("/Funds/Statements")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var finance = await UserWithRoleAsync(Roles.Finance);
        var url = $"/Funds/Statements?Institution={code}&Period={period}";
        var page = await finance.GetStringAsync(url);
        page.ShouldContain("月医保结算单");
        page.ShouldContain("id=\"disburse-form\"");
        var xlsx = await finance.GetAsync(url + "&handler=Excel");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        if (File.Exists(Yibao.Infrastructure.Reports.ChromiumPdf.DefaultPath))
        {
            var pdf = await finance.GetAsync(url + "&handler=Pdf");
            pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            (await pdf.Content.ReadAsByteArrayAsync()).Take(4).ToArray().ShouldBe("%PDF"u8.ToArray());
        }

        // A reviewer reads statements but cannot record a disbursement.
        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        (await reviewer.GetStringAsync(url)).ShouldNotContain("id=\"disburse-form\"");
        var denied = await YibaoWebFactory.PostFormAsync(reviewer, url, $"/Funds/Statements?handler=Disburse&Institution={code}&Period={period}",
            [new("Fund", "ResidentPool"), new("Amount", "1.00"), new("PaidOn", today), new("DisbursementNo", "BF-R")]);
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var no = "BF" + Guid.NewGuid().ToString("N")[..8];
        var over = await YibaoWebFactory.PostFormAsync(finance, url, $"/Funds/Statements?handler=Disburse&Institution={code}&Period={period}",
            [new("Fund", "ResidentPool"), new("Amount", (owed + 1m).ToString(CultureInfo.InvariantCulture)), new("PaidOn", today), new("DisbursementNo", no)]);
        (await over.Content.ReadAsStringAsync()).ShouldContain("不能多付");
        var paid = await YibaoWebFactory.PostFormAsync(finance, url, $"/Funds/Statements?handler=Disburse&Institution={code}&Period={period}",
            [new("Fund", "ResidentPool"), new("Amount", owed.ToString(CultureInfo.InvariantCulture)), new("PaidOn", today), new("DisbursementNo", no)]);
        var paidHtml = await paid.Content.ReadAsStringAsync();
        paidHtml.ShouldContain("拨付已登记");
        paidHtml.ShouldContain(no);
        var twice = await YibaoWebFactory.PostFormAsync(finance, url, $"/Funds/Statements?handler=Disburse&Institution={code}&Period={period}",
            [new("Fund", "ResidentPool"), new("Amount", "0.01"), new("PaidOn", today), new("DisbursementNo", no + "X")]);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("没有未拨付的应付款");

        var tb = await finance.GetStringAsync("/Funds/TrialBalance");
        tb.ShouldContain("借贷平衡");
        tb.ShouldContain("银行存款（支出户）");
        var tbx = await finance.GetAsync("/Funds/TrialBalance?handler=Excel");
        tbx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
}
