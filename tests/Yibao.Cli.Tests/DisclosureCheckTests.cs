using System.Globalization;
using System.Text.Json;
using MiniExcelLibs;

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

    [Fact]
    public async Task Folder_with_out_writes_the_summary_and_all_findings_to_Excel()
    {
        var dir = Directory.CreateTempSubdirectory("yibao-disclosure-");
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "a.txt"),
            "某县医疗保障局2024年部门预算公开说明\n2024年基本支出540.92万元，其中：人员经费509.92万元，公用经费30.85万元。\n", ct);
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "b.txt"),
            "某县医疗保障局2024年部门预算公开说明\n2024年基本支出540.77万元，其中：人员经费509.92万元，公用经费30.85万元。\n", ct);
        var xlsx = Path.Combine(dir.FullName, "out", "汇总.xlsx");

        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "disclosure", "check", dir.FullName, "--out", xlsx);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Err.ShouldContain("已写入");
        MiniExcel.GetSheetNames(xlsx).ShouldBe(["汇总", "问题清单"]);
        var summary = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object?>>().ToList();
        summary.Select(r => r["文档"]).ShouldBe(["a.txt", "b.txt", "合计 2 份"]);
        // a.txt: 509.92 + 30.85 = 540.77 ≠ 540.92 → one 错误; b.txt adds up
        Convert.ToInt32(summary[0]["错误"], CultureInfo.InvariantCulture).ShouldBe(1);
        Convert.ToInt32(summary[1]["错误"], CultureInfo.InvariantCulture).ShouldBe(0);
        var findings = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "问题清单").Cast<IDictionary<string, object?>>().ToList();
        findings.ShouldContain(f => (string?)f["文档"] == "a.txt" && (string?)f["规则"] == "SUM-BASIC" && (string?)f["差额"] == "0.15万元");
        dir.Delete(true);
    }

    [Fact]
    public async Task Out_must_be_an_xlsx_file()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "disclosure", "check", ".", "--out", "report.csv");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Err.ShouldContain("--out 须为 .xlsx 文件");
    }
}
