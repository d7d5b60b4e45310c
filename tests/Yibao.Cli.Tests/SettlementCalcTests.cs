using System.Text.Json;

namespace Yibao.Cli.Tests;

/// <summary><c>yibao settlement calc</c> over the samples in samples/ (no database involved).</summary>
public class SettlementCalcTests
{
    private static string Sample(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "samples", relative);
    }

    private static readonly string[] Files =
    [
        "--policy", Sample("policies/shifanxian-2025.json"),
        "--catalog", Sample("catalogs/demo-catalog.csv"),
        "--claims", Sample("claims/shifanxian-2025-demo.json"),
    ];

    [Fact]
    public async Task Calc_prints_the_national_fields_as_json_and_parts_add_up()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), ["settlement", "calc", .. Files, "--json"]);
        run.ExitCode.ShouldBe(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var encounters = doc.RootElement.GetProperty("encounters");
        encounters.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var e in encounters.EnumerateArray())
        {
            var s = e.GetProperty("setlinfo");
            var total = s.GetProperty("medfee_sumamt").GetDecimal();
            (s.GetProperty("fund_pay_sumamt").GetDecimal() + s.GetProperty("psn_part_amt").GetDecimal()).ShouldBe(total);
            (s.GetProperty("acct_pay").GetDecimal() + s.GetProperty("psn_cash_pay").GetDecimal()).ShouldBe(s.GetProperty("psn_part_amt").GetDecimal());
            e.GetProperty("explanation").GetArrayLength().ShouldBeGreaterThan(0);
        }

        doc.RootElement.TryGetProperty("totals", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Calc_prints_a_Chinese_explanation_without_json()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), ["settlement", "calc", .. Files]);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("起付");
    }

    [Fact]
    public async Task Missing_policy_file_exits_2_in_Chinese()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "settlement", "calc", "--policy", "/nonexistent/policy.json", "--catalog", Sample("catalogs/demo-catalog.csv"), "--claims", Sample("claims/shifanxian-2025-demo.json"));
        run.ExitCode.ShouldBe(2, run.ToString());
    }
}
