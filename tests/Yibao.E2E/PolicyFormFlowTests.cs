using Microsoft.Playwright;

namespace Yibao.E2E;

/// <summary>
/// The policy administrator imports the 示范县 policy, clones it to the next year, changes a 大病 band ratio in the
/// structured form (no JSON), saves, and reads the change in the diff against the version it was cloned from.
/// </summary>
public sealed class PolicyFormFlowTests(YibaoAppFixture app) : IClassFixture<YibaoAppFixture>
{
    [Fact]
    public async Task Edit_a_band_in_the_form_save_and_see_the_diff_against_the_previous_version()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: the suite runs test projects in parallel on 2 cores
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#UserName", YibaoAppFixture.AdminUserName);
        await page.FillAsync("#Password", YibaoAppFixture.AdminInitialPassword);
        await page.ClickAsync("button:has-text('登录')");
        await page.WaitForURLAsync("**/Account/ChangePassword**");
        await page.FillAsync("#CurrentPassword", YibaoAppFixture.AdminInitialPassword);
        await page.FillAsync("#NewPassword", "Policy-Pass-2026");
        await page.FillAsync("#ConfirmPassword", "Policy-Pass-2026");
        await page.ClickAsync("button:has-text('保存新密码')");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // Import the sample policy (2025) and clone it to 2026.
        await page.GotoAsync(app.BaseUrl + "/Policies/Index");
        await page.ClickAsync("a:has-text('导入参数集')");
        await page.SetInputFilesAsync("#Upload", Path.Combine(RepoRoot(), "samples", "policies", "shifanxian-2025.json"));
        await page.ClickAsync("button:has-text('保存')");
        await page.WaitForURLAsync("**/Policies/View?id=*");
        await page.ClickAsync("button:has-text('复制到下一年度')");
        await Assertions.Expect(page.Locator("#policy-status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(page.Locator("#policy-previous")).ToContainTextAsync("查看与上一版本");

        // 表单编辑: 大病保险 second band 70% → 75%.
        await page.ClickAsync("a:has-text('表单编辑')");
        await page.WaitForURLAsync("**/Policies/Form?id=*");
        var dabing = page.Locator("fieldset:has(legend:has-text('dabing'))");
        var ratio = dabing.Locator("input[aria-label='第 2 段比例']");
        await Assertions.Expect(ratio).ToHaveValueAsync("0.7");
        await ratio.FillAsync("75%");
        await page.Locator("button:has-text('保存参数')").First.ClickAsync();
        await Assertions.Expect(page.Locator("#policy-saved")).ToContainTextAsync("已保存");
        await Assertions.Expect(page.Locator("#policy-layers")).ToContainTextAsync("75%");

        await page.ClickAsync("#policy-previous a");
        var diff = page.Locator("#policy-diff");
        var row = diff.Locator("tr:has-text('dabing')").Filter(new LocatorFilterOptions { HasText = "bands[1].ratio" });
        await Assertions.Expect(row).ToContainTextAsync("修改");
        await Assertions.Expect(row.Locator(".yb-before")).ToHaveTextAsync("0.7");
        await Assertions.Expect(row.Locator(".yb-after")).ToHaveTextAsync("0.75");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(YibaoAppFixture.ArtifactsDir, "policy-form-diff.png"), FullPage = true });
    }

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Yibao.slnx")))
        {
            d = d.Parent;
        }

        return d!.FullName;
    }
}
