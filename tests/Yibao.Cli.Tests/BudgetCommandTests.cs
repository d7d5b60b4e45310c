namespace Yibao.Cli.Tests;

/// <summary><c>yibao budget validate|render</c> on the seed-derived samples (no database involved).</summary>
public class BudgetCommandTests
{
    private static string Sample(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "samples", "budgets", name);
    }

    [Fact]
    public async Task Validate_reports_the_published_basic_expenditure_error_of_the_Dacheng_sample()
    {
        // 大城 2023 published 基本支出 540.92 万元 while 人员经费 509.92 + 公用经费 30.85 = 540.77.
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "budget", "validate", Sample("dacheng-2023.json"), "--json");
        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldContain("SUM-BASIC");
    }

    [Fact]
    public async Task Render_writes_html_and_xlsx_that_contain_the_totals()
    {
        var outDir = Directory.CreateTempSubdirectory("yibao-budget-").FullName;
        var html = await CliHarness.RunAsync(new Dictionary<string, string?>(), "budget", "render", Sample("zhenan-2023.json"), "--profile", "shaanxi", "--format", "html", "--out", outDir);
        html.ExitCode.ShouldBe(0, html.ToString());
        var htmlFile = Directory.GetFiles(outDir, "*.html").ShouldHaveSingleItem();
        (await File.ReadAllTextAsync(htmlFile, TestContext.Current.CancellationToken)).ShouldContain("收支总表");

        var xlsx = await CliHarness.RunAsync(new Dictionary<string, string?>(), "budget", "render", Sample("zhenan-2023.json"), "--format", "xlsx", "--out", outDir);
        xlsx.ExitCode.ShouldBe(0, xlsx.ToString());
        Directory.GetFiles(outDir, "*.xlsx").ShouldNotBeEmpty();
        Directory.Delete(outDir, true);
    }

    [Fact]
    public async Task Unknown_profile_exits_2()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "budget", "render", Sample("zhenan-2023.json"), "--profile", "mars", "--format", "html", "--out", Path.GetTempPath());
        run.ExitCode.ShouldBe(2, run.ToString());
    }
}
