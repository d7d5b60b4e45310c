using System.Text.Json;
using Yibao.Application.Settlement;

namespace Yibao.Application.Tests.Settlement;

public class SettlementFileRunnerTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Yibao.slnx")))
        {
            d = d.Parent;
        }

        return d!.FullName;
    }

    private static string Policy => Path.Combine(Root, "samples", "policies", "shifanxian-2025.json");
    private static string Catalog => Path.Combine(Root, "samples", "catalogs", "demo-catalog.csv");
    private static string Claims => Path.Combine(Root, "samples", "claims", "shifanxian-2025-demo.json");

    private static async Task<(int Code, string Out, string Err)> Run(bool json, string? policy = null, string? claims = null)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await SettlementFileRunner.RunAsync(policy ?? Policy, Catalog, claims ?? Claims, json, o, e, TestContext.Current.CancellationToken);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Json_output_has_the_documented_shape_and_every_layer_pays()
    {
        var (code, output, err) = await Run(json: true);
        err.ShouldBeEmpty();
        code.ShouldBe(0);
        using var doc = JsonDocument.Parse(output);
        var encounters = doc.RootElement.GetProperty("encounters");
        encounters.GetArrayLength().ShouldBe(15);
        var first = encounters[0];
        first.GetProperty("id").GetString().ShouldNotBeNullOrEmpty();
        first.GetProperty("psn_no").GetString().ShouldNotBeNullOrEmpty();
        first.GetProperty("lines").GetArrayLength().ShouldBeGreaterThan(0);
        first.GetProperty("explanation").GetArrayLength().ShouldBeGreaterThan(3);
        string[] fields = ["medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "pool_prop_selfpay", "cvlserv_pay", "hifob_pay", "hifmi_pay", "hifdm_pay", "maf_pay", "oth_pay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay"];
        foreach (var f in fields)
        {
            first.GetProperty("setlinfo").GetProperty(f).ValueKind.ShouldBe(JsonValueKind.Number);
        }

        var totals = doc.RootElement.GetProperty("totals");
        foreach (var f in new[] { "hifp_pay", "cvlserv_pay", "hifob_pay", "hifmi_pay", "hifdm_pay", "maf_pay", "oth_pay", "acct_pay", "preselfpay_amt", "overlmt_selfpay", "fulamt_ownpay_amt" })
        {
            totals.GetProperty(f).GetDecimal().ShouldBeGreaterThan(0m, f);
        }

        (totals.GetProperty("fund_pay_sumamt").GetDecimal() + totals.GetProperty("psn_part_amt").GetDecimal())
            .ShouldBe(totals.GetProperty("medfee_sumamt").GetDecimal());
        totals.GetProperty("persons").GetArrayLength().ShouldBe(10);

        // 例1 (E001) as in the worked example: 统筹 7,120，个人 2,880.
        var e1 = encounters.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "E001").GetProperty("setlinfo");
        e1.GetProperty("hifp_pay").GetDecimal().ShouldBe(7120m);
        e1.GetProperty("psn_part_amt").GetDecimal().ShouldBe(2880m);
    }

    [Fact]
    public async Task Text_output_is_chinese_with_explanations_and_totals()
    {
        var (code, output, _) = await Run(json: false);
        code.ShouldBe(0);
        output.ShouldContain("【就诊 E001】张三（P001）");
        output.ShouldContain("起付线：500.00元");
        output.ShouldContain("基本医疗保险统筹基金支出（hifp_pay）：7,120.00元");
        output.ShouldContain("医疗救助·低保对象");
        output.ShouldContain("全自费（丙类）");
        output.ShouldContain("【年度合计（按人员）】");
    }

    [Fact]
    public async Task Missing_or_invalid_files_exit_2_with_chinese_message()
    {
        var (code, _, err) = await Run(false, policy: "/nonexistent/policy.json");
        code.ShouldBe(2);
        err.ShouldContain("政策参数文件不存在");

        var bad = Path.Combine(Path.GetTempPath(), $"yibao-policy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, (await File.ReadAllTextAsync(Policy, TestContext.Current.CancellationToken)).Replace("\"ratio\": 0.9", "\"ratio\": 1.9", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var (code2, _, err2) = await Run(false, policy: bad);
            code2.ShouldBe(2);
            err2.ShouldContain("比例必须在 0–1 之间");
        }
        finally
        {
            File.Delete(bad);
        }

        var badClaims = Path.Combine(Path.GetTempPath(), $"yibao-claims-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(badClaims, """{"year":2025,"persons":[],"encounters":[{"id":"X","psn_no":"NOBODY","visit_type":"inpatient","admission_date":"2025-01-01","lines":[]}]}""", TestContext.Current.CancellationToken);
        try
        {
            var (code3, _, err3) = await Run(false, claims: badClaims);
            code3.ShouldBe(2);
            err3.ShouldContain("$.encounters[0].psn_no：人员“NOBODY”不在 persons 中");
        }
        finally
        {
            File.Delete(badClaims);
        }
    }
}
