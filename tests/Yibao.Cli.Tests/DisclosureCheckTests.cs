using System.Text.Json;

namespace Yibao.Cli.Tests;

/// <summary><c>yibao disclosure check</c> on small hand-made documents (no database involved).</summary>
public class DisclosureCheckTests
{
    [Fact]
    public async Task Check_reports_a_basic_expenditure_that_does_not_add_up_as_json_and_exits_1()
    {
        var dir = Directory.CreateTempSubdirectory("yibao-disclosure-");
        var file = Path.Combine(dir.FullName, "bad.txt");
        await File.WriteAllTextAsync(file,
            "某县医疗保障局2024年部门预算公开说明\n" +
            "2024年基本支出540.92万元，其中：人员经费509.92万元，公用经费30.85万元。\n",
            TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "disclosure", "check", file, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        findings.ShouldContain(f => f.GetProperty("severity").GetString() == "error"
            && f.GetProperty("message").GetString()!.Contains("基本支出", StringComparison.Ordinal));
        dir.Delete(true);
    }

    [Fact]
    public async Task Missing_file_exits_2()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "disclosure", "check", "/nonexistent/disclosure.pdf");
        run.ExitCode.ShouldBe(2, run.ToString());
    }
}
