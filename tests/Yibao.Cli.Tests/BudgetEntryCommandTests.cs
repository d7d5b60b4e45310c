using System.Text;

namespace Yibao.Cli.Tests;

public class BudgetEntryCommandTests
{
    [Fact]
    public async Task Classification_import_is_all_or_nothing_and_replaces_a_year()
    {
        using var db = new TempSqlite();
        (await CliHarness.RunAsync(db.Env, "db", "migrate")).ExitCode.ShouldBe(0);
        var dir = Directory.CreateTempSubdirectory("yibao-cls-");
        try
        {
            var bad = Path.Combine(dir.FullName, "bad.csv");
            await File.WriteAllTextAsync(bad, "年度,分类类型,编码,名称,上级编码,对应政府经济分类\n2026,功能,210,卫生健康支出,,\n2026,功能,2101506,医疗保障经办事务,21099,\n", Encoding.UTF8, TestContext.Current.CancellationToken);
            var refused = await CliHarness.RunAsync(db.Env, "budget", "classification", "import", bad);
            refused.ExitCode.ShouldBe(1, refused.ToString());
            refused.Err.ShouldContain("第3行 上级编码：应为编码的前 5 位“21015”，实为“21099”");

            var ok = Path.Combine(dir.FullName, "ok.csv");
            await File.WriteAllTextAsync(ok, "年度,分类类型,编码,名称,上级编码,对应政府经济分类\n2026,功能,210,卫生健康支出,,\n2026,功能,21015,医疗保障管理事务,210,\n", Encoding.UTF8, TestContext.Current.CancellationToken);
            var first = await CliHarness.RunAsync(db.Env, "budget", "classification", "import", ok);
            first.ExitCode.ShouldBe(0, first.ToString());
            first.Out.ShouldContain("2026 年功能分类 2 个科目（替换原有 0 个）");
            (await CliHarness.RunAsync(db.Env, "budget", "classification", "import", ok)).Out.ShouldContain("替换原有 2 个");

            (await CliHarness.RunAsync(db.Env, "budget", "tables", "import", "1", Path.Combine(dir.FullName, "none.xlsx"))).ExitCode.ShouldBe(2);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
