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

    /// <summary>
    /// The cited worked examples (docs/worked-examples.md) run from files: samples/policies/examples/&lt;name&gt;.json with
    /// samples/claims/examples/&lt;name&gt;.json and the example catalog. Figures: published where right, corrected where wrong.
    /// </summary>
    [Theory]
    [InlineData("dabing-unattributed-2024", "A1", "hifmi_pay", "43300")]
    [InlineData("dabing-unattributed-2024", "A2", "hifmi_pay", "50500")]           // 43,300 + 50,500 = published 93,800
    [InlineData("jiangyin-2023", "J1", "hifp_pay", "68828")]
    [InlineData("jiangyin-2023", "J1", "hifmi_pay", "37161.8")]
    [InlineData("jiangyin-2023", "J1", "maf_pay", "20307.14")]                    // published, right
    [InlineData("jiangyin-2023", "J1", "fund_pay_sumamt", "126296.94")]           // published, right
    [InlineData("retiree-knee-2012", "K1", "act_pay_dedc", "800")]
    [InlineData("retiree-knee-2012", "K1", "preselfpay_amt", "27420")]            // 1,820 + 600 + 25,000
    [InlineData("retiree-knee-2012", "K1", "hifp_pay", "68180.64")]               // published 70,980.64 omits 25,000 × 11.2%
    [InlineData("retiree-knee-2012", "K1", "psn_part_amt", "41819.36")]           // published 39,019.36
    [InlineData("chronic-outpatient-annual-deductible-2025", "V1", "act_pay_dedc", "800")]
    [InlineData("chronic-outpatient-annual-deductible-2025", "V2", "act_pay_dedc", "700")]
    [InlineData("chronic-outpatient-annual-deductible-2025", "V3", "act_pay_dedc", "500")]
    [InlineData("quzhou-retiree-outpatient", "Q1-1", "hifp_pay", "440")]          // published 550 — wrong
    [InlineData("quzhou-retiree-outpatient", "Q2-1", "hifp_pay", "1500")]         // published 6,420 — wrong (6,370, above the 1,500 封顶)
    [InlineData("suqian-2024", "T1-1", "maf_pay", "20000")]                      // ours, on the official 宿迁 tiers: 100%
    [InlineData("suqian-2024", "D1-1", "maf_pay", "16000")]                      // 80%
    [InlineData("suqian-2024", "B1-1", "maf_pay", "0")]                          // below the 3,000 年度起付
    [InlineData("suqian-2024", "B1-2", "maf_pay", "2800")]                       // (7,000 − 3,000) × 70%
    [InlineData("changsha-lixiu", "LX-1", "oth_pay", "46500")]                   // ours, on the 长沙 离休 rules
    [InlineData("changsha-lixiu", "LX-1", "psn_part_amt", "22500")]
    public async Task Cited_worked_examples_run_from_their_files(string example, string encounter, string field, string expected)
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(),
        [
            "settlement", "calc", "--policy", Sample($"policies/examples/{example}.json"), "--catalog", Sample("policies/examples/catalog.csv"),
            "--claims", Sample($"claims/examples/{example}.json"), "--json",
        ]);
        run.ExitCode.ShouldBe(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var e = doc.RootElement.GetProperty("encounters").EnumerateArray().Single(x => x.GetProperty("id").GetString() == encounter);
        e.GetProperty("setlinfo").GetProperty(field).GetDecimal().ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Missing_policy_file_exits_2_in_Chinese()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?>(), "settlement", "calc", "--policy", "/nonexistent/policy.json", "--catalog", Sample("catalogs/demo-catalog.csv"), "--claims", Sample("claims/shifanxian-2025-demo.json"));
        run.ExitCode.ShouldBe(2, run.ToString());
    }
}
