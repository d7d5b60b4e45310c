using System.Text;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Yibao.E2E;

/// <summary>
/// A department checks its disclosure before publishing, without logging in: upload a small .txt with one arithmetic
/// error on the public page, see the sentence highlighted, filter to 错误, and download the Excel report.
/// </summary>
public sealed class DisclosureCheckFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    [Fact]
    public async Task Public_upload_highlights_the_error_filters_and_downloads_Excel()
    {
        var dir = Directory.CreateTempSubdirectory("yibao-e2e-disclosure-");
        var file = Path.Combine(dir.FullName, "某单位2024年预算公开.txt");
        // 人员经费 509.92 + 公用经费 30.85 = 540.77 ≠ 基本支出 540.92: one 错误 (SUM-BASIC); missing tables give 警告
        await File.WriteAllTextAsync(file,
            "某县医疗保障局2024年部门预算公开\n\n2024年基本支出540.92万元，其中：人员经费509.92万元，公用经费30.85万元。\n",
            new UTF8Encoding(false), TestContext.Current.CancellationToken);

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        await page.GotoAsync(app.BaseUrl + "/public/disclosure-check");
        await Assertions.Expect(page.Locator("#yb-agency-name")).ToContainTextAsync("医疗保障局");
        await page.SetInputFilesAsync("#Upload", file);
        await page.ClickAsync("button:has-text('开始检查')");

        // the sentence is highlighted as 错误 and the findings list links to it
        var mark = page.Locator("#disclosure-text mark.yb-hl-error");
        await Assertions.Expect(mark).ToContainTextAsync("基本支出540.92万元");
        await Assertions.Expect(page.Locator("#count-error")).ToHaveTextAsync("1");
        var errorRow = page.Locator("tr.yb-finding[data-severity=error]");
        await Assertions.Expect(errorRow).ToContainTextAsync("SUM-BASIC");
        await errorRow.Locator("a.yb-goto").ClickAsync();
        page.Url.ShouldEndWith("#L3");

        // filter to 错误: only the error stays visible, warnings are hidden
        var warnings = page.Locator("tr.yb-finding[data-severity=warning]");
        (await warnings.CountAsync()).ShouldBeGreaterThan(0);
        await page.ClickAsync("#disclosure-filters button:has-text('错误')");
        await Assertions.Expect(errorRow).ToBeVisibleAsync();
        await Assertions.Expect(warnings.First).ToBeHiddenAsync();
        await Assertions.Expect(mark).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("yb-hl-off"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "disclosure-check.png"), FullPage = true });

        // the Excel report
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button:has-text('下载 Excel 报告')"));
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var xlsx = Path.Combine(dir.FullName, "report.xlsx");
        await download.SaveAsAsync(xlsx);
        var rows = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "问题清单").Cast<IDictionary<string, object?>>().ToList();
        rows.ShouldContain(r => (string?)r["规则"] == "SUM-BASIC" && (string?)r["严重程度"] == "错误");
        dir.Delete(true);
    }
}
