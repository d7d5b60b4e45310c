using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Application.Registry;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Infrastructure.Demo;

namespace Yibao.E2E;

/// <summary>
/// A 经办员 files a 异地 filing for a person and enters a manual reimbursement of an out-of-area inpatient bill (computed on
/// the 异地已备案 branch); a 审核员 approves it and downloads the 报销单 PDF. Screenshots in artifacts/e2e.
/// </summary>
public sealed class OffsiteFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    private static async Task<IPage> LoginAsync(YibaoAppFixture app, string user, string password)
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        return page;
    }

    [Fact]
    public async Task Clerk_files_and_enters_a_reimbursement_reviewer_approves_and_downloads_the_form()
    {
        var ct = TestContext.Current.CancellationToken;
        string psnNo;
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var staff = sp.GetRequiredService<IStaffDirectory>();
            (await staff.CreateAsync("ydjb01", "孙经办", "Offsite-Pass-2026", [Roles.Clerk], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            (await staff.CreateAsync("ydsh01", "周审核", "Review-Pass-2026", [Roles.Reviewer], mustChangePassword: false, ct)).Succeeded.ShouldBeTrue();
            var seeded = await sp.GetRequiredService<CatalogPolicySeeder>().SeedAsync("130123", ct: ct);
            seeded.Succeeded.ShouldBeTrue(string.Join("；", seeded.Errors.Select(e => e.Message)));
            var certno = ResidentId.Create("130123", new DateOnly(1958, 4, 12), 513).Value;
            var reg = await sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "吴远行", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))]), ct);
            reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
            psnNo = reg.Value!.PersonNo;
        }

        // 经办员: 异地就医备案 from the navigation.
        var page = await LoginAsync(app, "ydjb01", "Offsite-Pass-2026");
        await page.ClickAsync("nav a:has-text('异地就医备案')");
        await page.WaitForURLAsync("**/OutOfArea/Filings");
        await page.ClickAsync("a:has-text('办理备案')");
        await page.FillAsync("#PsnNo", psnNo);
        await page.SelectOptionAsync("#Insutype", "390");
        await page.SelectOptionAsync("#FilingType", "1");
        await page.FillAsync("#DestinationCode", "110105");
        await page.FillAsync("#DestinationName", "北京市朝阳区");
        await page.FillAsync("#DestinationHospitalName", "北京朝阳医院");
        await page.FillAsync("#BeginDate", "2025-03-01");
        await page.FillAsync("#Reason", "随子女异地长期居住");
        await page.ClickAsync("button:has-text('确认备案')");
        await page.WaitForURLAsync("**/OutOfArea/Filings?q=*");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("已办理异地就医备案");
        await Assertions.Expect(page.Locator("#filings")).ToContainTextAsync("异地长期居住");
        await Assertions.Expect(page.Locator("#filings")).ToContainTextAsync("有效");

        // The person page lists the filing.
        await page.ClickAsync("#filings a:has-text('吴远行')");
        await page.WaitForURLAsync("**/Registry/Persons/Detail/**");
        await Assertions.Expect(page.Locator("#filings")).ToContainTextAsync("北京市朝阳区");

        // 手工报销: an inpatient bill from 北京 with lines; one line without a code (category total).
        await page.ClickAsync("nav a:has-text('手工报销')");
        await page.WaitForURLAsync("**/Settlement/Manual");
        await page.ClickAsync("a:has-text('录入报销')");
        await page.FillAsync("#PsnNo", psnNo);
        await page.SelectOptionAsync("#MedType", "21");
        await page.FillAsync("#InstitutionName", "北京朝阳医院");
        await page.FillAsync("#InstitutionAreaCode", "110105");
        await page.SelectOptionAsync("#InstitutionLevel", "3");
        await page.FillAsync("#BeginDate", "2025-05-01");
        await page.FillAsync("#EndDate", "2025-05-09");
        await page.FillAsync("#DiseCodg", "I10");
        await page.FillAsync("#DiseName", "高血压");
        await page.FillAsync("#InvoiceNo", "BJ20250509001");
        await page.FillAsync("#MedfeeSumamt", "3740");
        await page.FillAsync("input[name='Lines[0].Code']", "001102000010000");
        await page.FillAsync("input[name='Lines[0].Name']", "普通床位费");
        await page.FillAsync("input[name='Lines[0].Cnt']", "8");
        await page.FillAsync("input[name='Lines[0].Pric']", "30");
        await page.FillAsync("input[name='Lines[0].Amount']", "240");
        await page.FillAsync("input[name='Lines[1].Code']", "002503010010000");
        await page.FillAsync("input[name='Lines[1].Name']", "血细胞分析");
        await page.FillAsync("input[name='Lines[1].Cnt']", "20");
        await page.FillAsync("input[name='Lines[1].Pric']", "150");
        await page.FillAsync("input[name='Lines[1].Amount']", "3000");
        await page.FillAsync("input[name='Lines[2].Name']", "材料费（发票合计）");
        await page.FillAsync("input[name='Lines[2].Cnt']", "1");
        await page.FillAsync("input[name='Lines[2].Pric']", "500");
        await page.FillAsync("input[name='Lines[2].Amount']", "500");
        await page.FillAsync("#BankAccountName", "吴远行");
        await page.FillAsync("#BankName", "中国农业银行示范县支行");
        await page.FillAsync("#BankAccountNo", "6228480012345678901");
        await page.ClickAsync("button:has-text('计算并提交审核')");
        await page.WaitForURLAsync("**/Settlement/Manual/Detail/**");
        await Assertions.Expect(page.Locator("#reimb-status")).ToHaveTextAsync("待审核");
        await Assertions.Expect(page.Locator("#reimb-place")).ToHaveTextAsync("异地已备案");
        await Assertions.Expect(page.Locator("#explanation")).ToContainTextAsync("异地已备案");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("6228480012345678901");
        await Assertions.Expect(page.Locator("#review")).ToHaveCountAsync(0); // a 经办员 cannot approve
        var detailUrl = page.Url;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "manual-reimbursement-pending.png"), FullPage = true });

        // 审核员 approves; the payment is recorded and the 报销单 downloads as a PDF.
        var reviewer = await LoginAsync(app, "ydsh01", "Review-Pass-2026");
        await reviewer.GotoAsync(detailUrl);
        await reviewer.ClickAsync("button:has-text('审核通过')");
        await reviewer.WaitForURLAsync("**/Settlement/Manual/Detail/**");
        await Assertions.Expect(reviewer.Locator("#reimb-status")).ToHaveTextAsync("已审核");
        await Assertions.Expect(reviewer.Locator("body")).ToContainTextAsync("已审核通过，已记账支付");
        await Assertions.Expect(reviewer.Locator("#amount-upper")).ToContainTextAsync("元");
        // The 报销单 link (same session cookies): a PDF attachment printed by Chromium.
        var href = await reviewer.GetAttributeAsync("#download-pdf", "href");
        href.ShouldNotBeNull();
        var response = await reviewer.Context.APIRequest.GetAsync(app.BaseUrl + href, new APIRequestContextOptions { Timeout = 120_000 });
        response.Status.ShouldBe(200, await response.TextAsync());
        response.Headers["content-type"].ShouldStartWith("application/pdf");
        response.Headers["content-disposition"].ShouldContain(".pdf");
        var pdf = await response.BodyAsync();
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        await File.WriteAllBytesAsync(Path.Combine(YibaoAppFixture.ArtifactsDir, "reimbursement-form.pdf"), pdf, ct);
        await reviewer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "manual-reimbursement-approved.png"), FullPage = true });
    }
}
