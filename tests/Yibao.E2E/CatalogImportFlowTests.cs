using System.Text;
using Microsoft.Playwright;

namespace Yibao.E2E;

/// <summary>
/// The catalog administrator imports a small catalog CSV with one bad row, reads the row-level Chinese error,
/// fixes the row, imports again, and finds the new item by search.
/// </summary>
public sealed class CatalogImportFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    private const string Header = "hilist_code,hilist_name,list_type,prcunt,chrgitm_lv,hilist_pric_uplmt_amt,selfpay_prop_admdvs,selfpay_prop,begndate,enddate";

    private static FilePayload Csv(string body) => new()
    {
        Name = "small-catalog.csv",
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(Header + "\n" + body),
    };

    [Fact]
    public async Task Import_with_a_bad_row_shows_the_row_error_then_the_fixed_file_imports_and_is_searchable()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", YibaoAppFixture.AdminUserName);
        await page.FillAsync("#Password", YibaoAppFixture.AdminInitialPassword);
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync("**/Account/ChangePassword**");
        await page.FillAsync("#CurrentPassword", YibaoAppFixture.AdminInitialPassword);
        await page.FillAsync("#NewPassword", "Catalog-Pass-2026");
        await page.FillAsync("#ConfirmPassword", "Catalog-Pass-2026");
        await page.ClickAsync("button:has-text('保存新密码')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        await page.ClickAsync("nav >> text=目录导入");
        await page.WaitForURLAsync("**/Catalogs/Import**");
        await page.SetInputFilesAsync("#Upload", Csv(
            "E2E0001,示范测试胶囊,101,盒,01,12.50,,,,\n" +
            "E2E0002,示范测试注射液,101,支,02,30,,1.2,2025-01-01,2025-12-31\n"));
        await page.ClickAsync("button:has-text('导入')");
        var errors = page.Locator("#import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("未导入任何数据");
        await Assertions.Expect(errors).ToContainTextAsync("第 3 行");
        await Assertions.Expect(errors).ToContainTextAsync("selfpay_prop（先行自付比例）");
        await Assertions.Expect(errors).ToContainTextAsync("须在 0–1 之间");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "catalog-import-errors.png"), FullPage = true });

        await page.SetInputFilesAsync("#Upload", Csv(
            "E2E0001,示范测试胶囊,101,盒,01,12.50,,,,\n" +
            "E2E0002,示范测试注射液,101,支,02,30,,0.12,2025-01-01,2025-12-31\n"));
        await page.ClickAsync("button:has-text('导入')");
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("新增 2 条");

        await page.GotoAsync(app.BaseUrl + "/Catalogs?q=" + Uri.EscapeDataString("示范测试注射液"));
        var table = page.Locator("#catalog-table");
        await Assertions.Expect(table).ToContainTextAsync("E2E0002");
        await Assertions.Expect(table).ToContainTextAsync("12%");
        await page.ClickAsync("#catalog-table >> text=E2E0002");
        await Assertions.Expect(page.Locator("#item-history")).ToContainTextAsync("新增");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "catalog-item.png"), FullPage = true });
    }
}
