using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Web.Tests;

/// <summary>撤销已审核的手工报销 on the detail screen (审核员) and 退回到账 (财务).</summary>
public sealed class ReimbursementReversalPageTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    private async Task<HttpClient> UserWithRoleAsync(string role)
    {
        var name = "r" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(name, "测试" + role, "Test-Pass-2024", [role], mustChangePassword: false);
        return await app.LoginAsync(name, "Test-Pass-2024");
    }

    [Fact]
    public async Task A_reviewer_reverses_an_approved_reimbursement_with_a_reason_and_finance_records_the_repayment()
    {
        var certno = ResidentId.Create("130123", new DateOnly(1966, 8, 9), Random.Shared.Next(100, 999)).Value;
        var reg = await app.WithServiceAsync<Yibao.Application.Common.AppResult<RegisteredPerson>, RegisterPersonHandler>(h => h.HandleAsync(new RegisterPerson(certno, "撤销测", "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        var psn = reg.Value!.PersonNo;
        var clerk = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        var posted = await YibaoWebFactory.PostFormAsync(clerk, "/Settlement/Manual/New", "/Settlement/Manual/New",
        [
            new("PsnNo", psn), new("Insutype", "390"), new("MedType", "21"), new("InstitutionName", "北京朝阳医院"), new("InstitutionAreaCode", "110105"),
            new("InstitutionLevel", "3"), new("BeginDate", "2025-05-01"), new("EndDate", "2025-05-08"), new("DiseCodg", "I10"), new("DiseName", "高血压"),
            new("InvoiceNo", "FP-REV-" + psn), new("MedfeeSumamt", "3240"),
            new("Lines[0].Code", "001102000010000"), new("Lines[0].Name", "床位费"), new("Lines[0].Cnt", "8"), new("Lines[0].Pric", "30"), new("Lines[0].Amount", "240"),
            new("Lines[1].Code", "002503010010000"), new("Lines[1].Name", "血常规"), new("Lines[1].Cnt", "20"), new("Lines[1].Pric", "150"), new("Lines[1].Amount", "3000"),
            new("BankAccountName", "撤销测"), new("BankName", "农业银行"), new("BankAccountNo", "6228480012345678901"),
        ]);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var detailUrl = posted.Headers.Location!.OriginalString;
        var reviewer = await UserWithRoleAsync(Roles.Reviewer);
        (await reviewer.GetStringAsync(detailUrl)).ShouldNotContain("撤销报销"); // pending: approve or reject, not reverse
        (await YibaoWebFactory.PostFormAsync(reviewer, detailUrl, detailUrl + "?handler=Approve", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.GetStringAsync(detailUrl)).ShouldContain("撤销报销");

        // Only a 审核员 reverses; the reason is required and named.
        (await YibaoWebFactory.PostFormAsync(clerk, detailUrl, detailUrl + "?handler=Reverse", [new("ReversalReason", "误报")])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var noReason = await YibaoWebFactory.PostFormAsync(reviewer, detailUrl, detailUrl + "?handler=Reverse", [new("ReversalReason", "")]);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("撤销原因 reason：不能为空");
        var reversed = await YibaoWebFactory.PostFormAsync(reviewer, detailUrl, detailUrl + "?handler=Reverse", [new("ReversalReason", "发票已在就医地结算")]);
        reversed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await reversed.Content.ReadAsStringAsync());
        var page = await reviewer.GetStringAsync(detailUrl);
        page.ShouldContain("已撤销");
        page.ShouldContain("发票已在就医地结算");
        page.ShouldContain("应收个人退回");
        page.ShouldNotContain("撤销报销</button>");

        // 财务 records the repayment; the receivable is cleared.
        var finance = await UserWithRoleAsync(Roles.Finance);
        (await finance.GetStringAsync(detailUrl)).ShouldContain("登记到账");
        (await YibaoWebFactory.PostFormAsync(reviewer, detailUrl, detailUrl + "?handler=Refund", [new("ReceivedDate", "2025-06-01")])).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refund = await YibaoWebFactory.PostFormAsync(finance, detailUrl, detailUrl + "?handler=Refund", [new("ReceivedDate", "2025-06-01")]);
        refund.StatusCode.ShouldBe(HttpStatusCode.Redirect, await refund.Content.ReadAsStringAsync());
        (await finance.GetStringAsync(detailUrl)).ShouldContain("个人退回款已于 2025-06-01 到账");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var r = await db.ManualReimbursements.AsNoTracking().SingleAsync(x => x.PsnNo == psn);
        r.Status.ShouldBe(ReimbursementStatus.Reversed);
        var lines = await db.Set<JournalLine>().AsNoTracking().Where(l => l.PersonId == r.PersonId).ToListAsync();
        lines.Where(l => l.AccountCode == LedgerAccounts.PersonRefundReceivable).Sum(l => l.Debit - l.Credit).ShouldBe(0m);
        lines.Where(l => l.AccountCode == LedgerAccounts.BenefitExpense).Sum(l => l.Debit - l.Credit).ShouldBe(0m);
    }
}
