using Yibao.Application.Disclosure;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Infrastructure.Documents;

namespace Yibao.Application.Tests.Disclosure;

/// <summary>
/// Corpus tests over the five seed disclosures (read from YIBAO_CORPUS_DIR, never copied into the repository).
/// Each test lists the 错误 findings expected, with the arithmetic, and asserts there are no other 错误.
/// </summary>
public class SeedCorpusTests
{
    private static async Task<DisclosureReport> Seed(string prefix)
    {
        var dir = Environment.GetEnvironmentVariable("YIBAO_CORPUS_DIR");
        Assert.SkipWhen(string.IsNullOrEmpty(dir), "未设置 YIBAO_CORPUS_DIR，跳过样本文档检查");
        var file = Directory.GetFiles(dir!).FirstOrDefault(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));
        Assert.SkipWhen(file is null, $"YIBAO_CORPUS_DIR 中没有 {prefix}* 文件");
        return await new CheckDisclosure(new DocumentTextExtractor()).CheckFileAsync(file!, TestContext.Current.CancellationToken);
    }

    private static void ExactlyTheseErrors(DisclosureReport r, params (string Rule, string Actual, string? Expected)[] expected)
    {
        var errors = r.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => (f.Rule, f.Actual ?? "", f.Expected)).ToList();
        errors.OrderBy(e => e.Rule, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal)
            .ShouldBe(expected.Select(e => (e.Rule, e.Actual, e.Expected)).OrderBy(e => e.Rule, StringComparer.Ordinal).ThenBy(e => e.Actual, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Zhengding_2018_is_arithmetically_consistent()
    {
        // 正定 2018: 收入 4622.39 = 4622.39+0+0+0; 支出 4622.39 = 基本 264.84 + 项目 4357.55; 264.84 = 246.18 + 18.66;
        // 项目 50+152.5+490+9+3606.05+40+5+5 = 4357.55; 变动 −8957.33 = +21.51 − 8978.84; 21.51 = 16.93 + 4.58; 三公 2.85 = 0 + 2.85 + 0;
        // 资产购置 8.6 = 7.21+0.73+0.36+0.3 — all consistent: no 错误.
        var r = await Seed("000_");
        r.Year.ShouldBe(2018);
        ExactlyTheseErrors(r);
        // 全额事业 unit publishing 机关运行经费 14.43 万元
        r.Findings.ShouldContain(f => f.Rule == "PLA-JGYX" && f.Actual == "14.43万元");
        r.Findings.ShouldContain(f => f.Rule == "CMP-TABLES"); // the eight tables are not in the text
    }

    [Fact]
    public async Task Dacheng_2023()
    {
        var r = await Seed("001_");
        r.Year.ShouldBe(2023);
        ExactlyTheseErrors(r,
            // 基本支出 540.92 ≠ 人员经费 509.92 + 公用经费 30.85 = 540.77
            ("SUM-BASIC", "540.92万元", "540.77万元"),
            // 支出 8197.37 ≠ 基本 540.92 + 项目 7656.6 = 8197.52
            ("SUM-EXPENSE", "8197.37万元", "8197.52万元"),
            // 增加 1064.86 ≠ 基本支出增加 108.2 + 项目支出增加 956.81 = 1065.01
            ("SUM-EXPENSE", "1064.86万元", "1065.01万元"),
            // “其他来源收入万元”: the amount is blank
            ("CMP-PLACEHOLDER", "空白", "数字"));
        r.Findings.ShouldContain(f => f.Rule == "PLA-OPERATOR" && f.Actual == "≤"); // 服务对象满意度 ≤92%
        r.Findings.Count(f => f.Rule == "PLA-RATE").ShouldBe(3); // 医疗救助率 … 人次; 补助到位率 … 2021 年; 项目完成率 =10人
    }

    [Fact]
    public async Task Miyi_2020()
    {
        var r = await Seed("002_");
        r.Year.ShouldBe(2020);
        ExactlyTheseErrors(r,
            // 收入 481.28 ≠ 工资福利 266.7 + 商品和服务 30.11 + 对个人和家庭 9.7 + 项目 174.7 = 481.21
            ("SUM-PARTS", "481.28万元", "481.21万元"),
            // 上年 273.08 ≠ 235.7 + 39.51 + 0.87 + 7 = 283.08
            ("SUM-PARTS", "273.08万元", "283.08万元"),
            // 增加 207.92 ≠ 31 − 9.4 + 8.83 + 167.7 = 198.13
            ("SUM-PARTS", "207.92万元", "198.13万元"),
            // 481.28 − 273.08 = 208.20, text says 207.92
            ("TXT-DIFF", "207.92万元", "208.20万元"),
            // 机关运行经费 377.5 ÷ 32.51 = 1161.18%, text says 57.13%
            ("TXT-PCT", "57.13%", "1161.18%"));
        // 207.92 ÷ 273.08 = 76.14% vs 76.13%: within 0.01 → 提示 only
        r.Findings.ShouldContain(f => f.Rule == "TXT-PCT" && f.Severity == FindingSeverity.Info && f.Actual == "76.13%");
        // and inside what the printed inputs allow: 207.92 (± 0.01, as 本年 − 上年) ÷ 273.08 (± 0.005) → 76.13%～76.14%
        r.Findings.ShouldContain(f => f.Rule == "TXT-PCT" && f.Actual == "76.13%" && f.Message.Contains("76.13%～76.14%", StringComparison.Ordinal));
        r.Findings.ShouldContain(f => f.Rule == "CLS-OUTDATED" && f.Actual == "医疗卫生与计划生育支出");
        r.Findings.ShouldContain(f => f.Rule == "TXT-YEAR" && f.Actual == "2021年");
        r.Findings.ShouldContain(f => f.Rule == "PLA-JGYX-MAX"); // 机关运行经费 410.01 > 商品和服务支出 30.11
        r.Findings.Count(f => f.Rule == "CMP-PLACEHOLDER").ShouldBe(2); // “增长/下降0%” twice
    }

    [Fact]
    public async Task Yanchi_2024()
    {
        // 429.75 = 37.82 + 360.97 + 30.96; 275.55 = 262.41 + 13.14; 154.20 = 5 + 104.2 + 9 + 36; 人员经费 and 公用经费 items add up;
        // 4.01 ÷ 271.54 = 1.48%; 5 ÷ 10 = 50%; 89.2 ÷ 15 = 594.67%; 0.36 ÷ 12.78 = 2.82% — all consistent.
        var r = await Seed("003_");
        r.Year.ShouldBe(2024);
        ExactlyTheseErrors(r,
            // 2101505 is 医疗保障政策管理 and 2101506 is 医疗保障经办事务; both printed with the name of 2101599
            ("CLS-NAME", "其他医疗保障管理事务支出", "医疗保障政策管理"),
            ("CLS-NAME", "其他医疗保障管理事务支出", "医疗保障经办事务"));
        r.Findings.ShouldContain(f => f.Rule == "PLA-JGYX"); // 0 个行政单位和 0 个参公单位, yet 机关运行经费 13.14
        // 2101505 “主要用于医疗保障政策管理”, 2101506 “主要用于医疗保障经办事务”: each purpose fits its account
        r.Findings.ShouldNotContain(f => f.Rule == "TXT-PURPOSE");
    }

    [Fact]
    public async Task Zhenan_2023()
    {
        var r = await Seed("004_");
        r.Year.ShouldBe(2023);
        ExactlyTheseErrors(r,
            // 表5 功能科目 2210 is not a 款 code (5 digits); 住房改革支出 is 22102
            ("CLS-CODE", "2210", "22102"),
            // 人员经费: 表5 210 2380060 + 221 207840 = 2587900 元; 表6 301 = 2577700 元 (30307 医疗费补助 10200 booked as 公用经费)
            ("TBL-CROSS", "257.77万元", "258.79万元"),
            ("TBL-CROSS", "10.40万元", "9.38万元"),
            // the same between 表7 and 表8 (基本支出)
            ("TBL-CROSS", "257.77万元", "258.79万元"),
            ("TBL-CROSS", "10.40万元", "9.38万元"));
        // tables in 元 while the narrative is in 万元: 事业运行（2101550）247.39 万元 matches 2473860 元
        r.Findings.ShouldNotContain(f => f.Rule == "TXT-TABLE" && f.Severity != FindingSeverity.Info);
        // the two 收支总表 are outlined without codes (一、/1、/(1)) in four side-by-side blocks, and they add up:
        // 收入 一、部门预算 3,131,700 = 1、财政拨款 (blank → (1) 3,131,700) + 2、…6、 (blank); 本年收入合计 3,131,700 = 一
        // 功能 一 3,131,700 = 10、卫生健康支出 2,923,860 + 20、住房保障支出 207,840
        // 部门经济 一 3,131,700 = 1、(blank → (1) 2,587,900 + (2) 93,800) + 2、(blank → (2) 450,000)
        // 政府经济 一 3,131,700 = 1、机关工资福利支出 2,587,900 + 2、机关商品和服务支出 543,800
        r.Findings.ShouldNotContain(f => f.Rule == "TBL-OUTLINE");
        // purposes written for 2101505/2101506 (医疗保障政策管理/经办事务) fit those accounts
        r.Findings.ShouldNotContain(f => f.Rule == "TXT-PURPOSE");
    }
}
