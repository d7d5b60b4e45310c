namespace Yibao.Cli.Tests;

public class BudgetImportCommandTests
{
    private static string Sample(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples", "budgets")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, "samples", "budgets", name);
    }

    [Fact]
    public async Task Import_stores_the_sample_and_lists_its_findings_and_refuses_a_duplicate()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);
        var run = await CliHarness.RunAsync(db.Env, "budget", "import", Sample("dacheng-2023.json"));
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("已导入 dacheng-2023.json");
        run.Out.ShouldContain("状态 编制中");
        run.Out.ShouldContain("[错误]");

        var again = await CliHarness.RunAsync(db.Env, "budget", "import", Sample("dacheng-2023.json"));
        again.ExitCode.ShouldBe(1);
        again.Err.ShouldContain("版本：");

        var missing = await CliHarness.RunAsync(db.Env, "budget", "import", "/nonexistent/budget.json");
        missing.ExitCode.ShouldBe(2);
        missing.Err.ShouldContain("预算文件不存在");
    }
}
