using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;

namespace Yibao.Domain.Tests.Budget;

public class BudgetModelTests
{
    private static decimal Wan(decimal yuan) => yuan / 10000m;

    private static GeneratedTable Table(DepartmentBudget b, TableKind kind) =>
        BudgetTables.Build(b, kind, 1, "t", "元", "空表");

    [Theory]
    [MemberData(nameof(BudgetSampleFiles.Names), MemberType = typeof(BudgetSampleFiles))]
    public void Generated_disclosure_of_every_sample_passes_the_checker_without_errors(string name)
    {
        var b = BudgetSampleFiles.Load(name);
        var d = DisclosureComposer.Compose(b, DisclosureProfiles.Find(b.Profile)!);
        var findings = DisclosureChecker.Check(name + ".txt", d.ToPlainText());
        findings.Where(f => f.Severity == FindingSeverity.Error).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(BudgetSampleFiles.Names), MemberType = typeof(BudgetSampleFiles))]
    public void Every_profile_renders_every_sample_with_its_table_count(string name)
    {
        var b = BudgetSampleFiles.Load(name);
        foreach (var p in DisclosureProfiles.All)
        {
            var d = DisclosureComposer.Compose(b, p);
            d.Tables.Count.ShouldBe(p.Tables.Count);
            DisclosureChecker.Check(name, d.ToPlainText()).Where(f => f.Severity == FindingSeverity.Error).ShouldBeEmpty($"{name} / {p.Name}");
        }
    }

    [Fact]
    public void Profiles_have_the_seed_table_counts()
    {
        DisclosureProfiles.National.Tables.Count.ShouldBe(8);
        DisclosureProfiles.Ningxia.Tables.Count.ShouldBe(9);
        DisclosureProfiles.Shaanxi.Tables.Count.ShouldBe(15);
    }

    [Fact]
    public void Zhengding_2018_regenerates_the_seed_totals()
    {
        var c = BudgetFigures.Compute(BudgetSampleFiles.Load("zhengding-2018"));
        Wan(c["expense"]).ShouldBe(4622.39m);
        Wan(c["basic"]).ShouldBe(264.84m);
        Wan(c["personnel"]).ShouldBe(246.18m);
        Wan(c["public"]).ShouldBe(18.66m);
        Wan(c["project"]).ShouldBe(4357.55m);
        Wan(c["running"]).ShouldBe(14.43m);
        Wan(c["sangong"]).ShouldBe(2.85m);
        Wan(c["assets"]).ShouldBe(120.63m);
        Wan(c["assets.planned"]).ShouldBe(8.6m);
    }

    [Fact]
    public void Zhengding_2018_reports_purchases_without_procurement_and_running_costs_of_an_institution()
    {
        var f = BudgetValidator.Validate(BudgetSampleFiles.Load("zhengding-2018"));
        f.ShouldContain(x => x.Rule == "BGT-PROC-ASSET");
        f.ShouldContain(x => x.Rule == "PLA-JGYX");
        f.Where(x => x.Severity == FindingSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void Dacheng_2023_reports_the_basic_expense_that_does_not_add_up()
    {
        var b = BudgetSampleFiles.Load("dacheng-2023");
        var c = BudgetFigures.Compute(b);
        Wan(c["revenue"]).ShouldBe(8197.37m);
        Wan(c["expense"]).ShouldBe(8197.37m);
        Wan(c["basic"]).ShouldBe(540.77m);
        Wan(c["project"]).ShouldBe(7656.60m);
        Wan(c["running"]).ShouldBe(30.85m);
        Wan(c["sangong"]).ShouldBe(6m);
        var f = BudgetValidator.Validate(b);
        var basic = f.Single(x => x.Rule == "SUM-BASIC");
        basic.Severity.ShouldBe(FindingSeverity.Error);
        basic.Expected.ShouldBe("540.77万元");
        basic.Actual.ShouldBe("540.92万元");
        f.Count(x => x.Rule == "SUM-EXPENSE" && x.Severity == FindingSeverity.Error).ShouldBe(2); // 8197.37 ≠ 540.92 + 7656.6; 1064.86 ≠ 108.2 + 956.81
        f.ShouldContain(x => x.Rule == "PLA-OPERATOR");
        f.ShouldContain(x => x.Rule == "PLA-RATE");
    }

    [Fact]
    public void Miyi_2020_reports_its_wrong_totals_change_and_percentage()
    {
        var b = BudgetSampleFiles.Load("miyi-2020");
        var c = BudgetFigures.Compute(b);
        Wan(c["F:210"]).ShouldBe(433.04m);
        Wan(c["F:221"]).ShouldBe(27.17m);
        Wan(c["BE:301"]).ShouldBe(266.7m);
        Wan(c["project"]).ShouldBe(174.7m);
        var f = BudgetValidator.Validate(b);
        f.ShouldContain(x => x.Rule == "TXT-DIFF" && x.Severity == FindingSeverity.Error && x.Expected == "208.20万元");
        f.ShouldContain(x => x.Rule == "TXT-PCT" && x.Severity == FindingSeverity.Error && x.Expected == "1161.18%");
        f.ShouldContain(x => x.Rule == "SUM-PARTS" && x.Location == "上年数" && x.Difference == "-10.00万元");
        f.ShouldContain(x => x.Rule == "CLS-OUTDATED");
        f.ShouldContain(x => x.Rule == "PLA-JGYX-MAX");
        f.ShouldNotContain(x => x.Rule == "TXT-PCT" && x.Location.EndsWith("sangong.reception", StringComparison.Ordinal)); // 19.74% is right
    }

    [Fact]
    public void Yanchi_2024_regenerates_the_seed_totals_and_reports_missing_reasons_and_wrong_names()
    {
        var b = BudgetSampleFiles.Load("yanchi-2024");
        var c = BudgetFigures.Compute(b);
        Wan(c["expense"]).ShouldBe(429.75m);
        Wan(c["F:208"]).ShouldBe(37.82m);
        Wan(c["F:210"]).ShouldBe(360.97m);
        Wan(c["F:221"]).ShouldBe(30.96m);
        Wan(c["personnel"]).ShouldBe(262.41m);
        Wan(c["public"]).ShouldBe(13.14m);
        Wan(c["project"]).ShouldBe(154.2m);
        var f = BudgetValidator.Validate(b);
        f.Where(x => x.Rule == "TXT-PCT" && x.Severity == FindingSeverity.Error).ShouldBeEmpty(); // 1.48%, 50%, 594.67%, 2.82% are right
        f.ShouldContain(x => x.Rule == "BGT-REASON" && x.Location == "reasons.basic");
        f.ShouldContain(x => x.Rule == "CLS-NAME" && x.Location == "names.F:2101506");
    }

    [Fact]
    public void Zhenan_2023_regenerates_the_fifteen_table_figures_and_reports_the_inconsistent_government_class()
    {
        var b = BudgetSampleFiles.Load("zhenan-2023");
        var c = BudgetFigures.Compute(b);
        c["expense"].ShouldBe(3131700m);
        c["F:210"].ShouldBe(2923860m);
        c["F:2101550"].ShouldBe(2473860m);
        c["F:2210201"].ShouldBe(207840m);
        c["personnel"].ShouldBe(2587900m);
        c["public"].ShouldBe(93800m);
        c["E:302"].ShouldBe(543800m);
        var d = DisclosureComposer.Compose(b, DisclosureProfiles.Shaanxi);
        d.Tables.Count.ShouldBe(15);
        d.Tables.Where(t => t.IsEmpty).Select(t => t.Kind).ShouldBe([TableKind.GovernmentFund, TableKind.Procurement, TableKind.SanGongMeetingTraining, TableKind.SpecialFundPerformance], ignoreOrder: true);
        var f = BudgetValidator.Validate(b);
        f.ShouldContain(x => x.Rule == "TXT-TABLE" && x.Severity == FindingSeverity.Error && x.Location == "填报数 G:501");
    }

    [Fact]
    public void Function_tree_parents_equal_the_sum_of_children_and_total_row_the_sum_of_classes()
    {
        var b = BudgetSampleFiles.Load("yanchi-2024");
        var t = Table(b, TableKind.Expense);
        var total = t.Rows[0][2].Amount!.Value;
        t.Rows.Where(r => r[0].Text.Length == 3).Sum(r => r[2].Amount!.Value).ShouldBe(total);
        foreach (var r in t.Rows.Where(r => r[0].Text.Length == 5))
        {
            t.Rows.Where(x => x[0].Text.Length == 7 && x[0].Text.StartsWith(r[0].Text, StringComparison.Ordinal)).Sum(x => x[2].Amount!.Value).ShouldBe(r[2].Amount!.Value);
        }
        foreach (var r in t.Rows)
        {
            r[2].Amount!.Value.ShouldBe((r[3].Amount ?? 0) + (r[4].Amount ?? 0));
        }
    }

    [Fact]
    public void Summary_table_balances_and_basic_table_splits_personnel_and_public()
    {
        var b = BudgetSampleFiles.Load("dacheng-2023");
        var s = Table(b, TableKind.Summary);
        s.Rows[^1][1].Amount.ShouldBe(s.Rows[^1][3].Amount);
        var basic = Table(b, TableKind.GeneralPublicBasicByEconomic);
        basic.Rows[0][3].Amount.ShouldBe(5099200m);
        basic.Rows[0][4].Amount.ShouldBe(308500m);
        Table(b, TableKind.GovernmentFund).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Change_sentence_has_direction_percentage_and_reason_or_says_unchanged()
    {
        var b = BudgetSampleFiles.Load("dacheng-2023");
        var c = BudgetFigures.Compute(b);
        DisclosureComposer.Change(b, "basic", c, null).ShouldBe("，较2022年432.72万元增加108.05万元，增长24.97%，主要原因是人员类保险和人员类绩效奖金支出增加");
        DisclosureComposer.Change(b, "sangong", c, null).ShouldBe("，与2022年持平");
        DisclosureComposer.Change(b, "running", c, null).ShouldBe("");
    }

    [Fact]
    public void A_change_without_a_reason_is_an_error()
    {
        var b = BudgetSampleFiles.Load("dacheng-2023");
        var without = b with { Reasons = new Dictionary<string, string>() };
        BudgetValidator.Validate(without).Where(f => f.Rule == "BGT-REASON").Select(f => f.Location).ShouldBe(["reasons.basic", "reasons.expense", "reasons.project"], ignoreOrder: true);
    }

    [Fact]
    public void Line_rules_report_missing_kind_unknown_project_bad_codes_and_unmapped_economic_classes()
    {
        var b = BudgetSampleFiles.Load("zhenan-2023");
        var bad = b with
        {
            Lines =
            [
                .. b.Lines,
                new BudgetLine(b.Unit.Code, "2101550", "30201", "50201", FundingSource.GeneralPublic, ExpenseType.Basic, null, null, 1),
                new BudgetLine(b.Unit.Code, "2101506", "30201", "50201", FundingSource.GeneralPublic, ExpenseType.Project, null, "NOPE", 1),
                new BudgetLine(b.Unit.Code, "21015", "302", "50201", FundingSource.GeneralPublic, ExpenseType.Project, null, "ZA01", 1),
                new BudgetLine(b.Unit.Code, "2101598", "30201", "50901", FundingSource.GeneralPublic, ExpenseType.Project, null, "ZA01", -5),
            ],
        };
        var f = BudgetValidator.Validate(bad);
        f.ShouldContain(x => x.Rule == "BGT-LINE" && x.Message.StartsWith("人员/公用", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "BGT-LINE" && x.Message.Contains("NOPE", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "BGT-LINE" && x.Message.Contains("7 位", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "BGT-LINE" && x.Message.Contains("负数", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "CLS-CODE" && x.Message.Contains("2101598", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "BGT-ECON-MAP");
        f.ShouldContain(x => x.Rule == "TBL-BALANCE");
        f.ShouldContain(x => x.Rule == "BGT-SOURCE");
    }

    [Fact]
    public void Indicator_rules_check_levels_operators_values_and_weights()
    {
        var b = BudgetSampleFiles.Load("zhenan-2023");
        var target = new PerformanceTarget("x",
        [
            new Indicator("产出", "数量指标", "覆盖人数", null, "≥", "100", "人", null, 30),
            new Indicator("结果指标", "数量指标", "a", null, "≥", "1", "次", null, 30),
            new Indicator("产出指标", "速度指标", "b", null, "≈", "1", "次", null, 30),
            new Indicator("产出指标", "质量指标", "达标率", null, "≥", "很高", "%", null, null),
        ]);
        var f = BudgetValidator.Validate(b with { UnitTarget = target });
        f.Count(x => x.Rule == "BGT-INDICATOR" && x.Message.StartsWith("一级指标", StringComparison.Ordinal)).ShouldBe(1);
        f.ShouldContain(x => x.Rule == "BGT-INDICATOR" && x.Message.StartsWith("二级指标", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "BGT-INDICATOR" && x.Message.StartsWith("符号", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "BGT-INDICATOR" && x.Message.StartsWith("指标值", StringComparison.Ordinal));
        f.ShouldContain(x => x.Rule == "BGT-INDICATOR" && x.Message.Contains("权重合计", StringComparison.Ordinal));
    }

    [Fact]
    public void Workflow_requires_dates_and_warns_after_twenty_days()
    {
        var b = BudgetSampleFiles.Load("zhenan-2023");
        BudgetValidator.Validate(b with { Status = BudgetStatus.Approved }).ShouldContain(x => x.Rule == "BGT-WORKFLOW" && x.Severity == FindingSeverity.Error);
        var late = b with { Status = BudgetStatus.Published, ApprovedOn = new DateOnly(2023, 2, 1), PublishedOn = new DateOnly(2023, 2, 22), PublishedAt = "https://example.org/x" };
        late.PublishDeadline.ShouldBe(new DateOnly(2023, 2, 21));
        BudgetValidator.Validate(late).Single(x => x.Rule == "BGT-WORKFLOW").Severity.ShouldBe(FindingSeverity.Warning);
        BudgetValidator.Validate(late with { PublishedOn = new DateOnly(2023, 2, 21) }).ShouldNotContain(x => x.Rule == "BGT-WORKFLOW");
    }

    [Fact]
    public void Same_numbers_give_the_same_verdict_in_budget_entry_and_in_the_checker()
    {
        // 大城 as published: 基本支出 540.92 = 509.92 + 30.85 fails in both places with the same rule and evidence.
        var fromChecker = DisclosureChecker.Check("x.txt", "2023年支出预算8197.37万元，其中基本支出540.92万元，包括人员经费509.92万元和公用经费30.85万元。")
            .Single(f => f.Rule == "SUM-BASIC");
        var fromEntry = BudgetValidator.Validate(BudgetSampleFiles.Load("dacheng-2023")).Single(f => f.Rule == "SUM-BASIC");
        (fromEntry.Severity, fromEntry.Expected, fromEntry.Actual, fromEntry.Difference).ShouldBe((fromChecker.Severity, fromChecker.Expected, fromChecker.Actual, fromChecker.Difference));
    }

    [Fact]
    public void Format_errors_name_the_field_and_the_rule()
    {
        var ex = Should.Throw<BudgetFormatException>(() => BudgetJson.Parse("""{"unit":{"code":"1","name":"x","nature":"企业"},"year":2024,"lines":[{"function":"2101550","source":"一般公共预算拨款","type":"其他","amount":1}]}"""));
        ex.Errors.ShouldContain(e => e.StartsWith("unit.nature：", StringComparison.Ordinal));
        ex.Errors.ShouldContain(e => e.StartsWith("lines[0].type：", StringComparison.Ordinal));
        ex.Errors.ShouldContain(e => e.StartsWith("lines[0].deptEconomic：", StringComparison.Ordinal));
        Should.Throw<BudgetFormatException>(() => BudgetJson.Parse("{not json")).Errors.Single().ShouldContain("JSON");
    }

    [Fact]
    public void Change_percentage_comes_from_exact_yuan_values_and_the_checker_accepts_it()
    {
        // 上年 127,849.99 元 → 12.78 万元; 本年 131,450.00 元 → 13.15 万元. The published difference is 13.15 − 12.78 = 0.37 万元,
        // but the percentage is computed once from the exact values: 3,600.01 ÷ 127,849.99 = 2.82% (from the rounded figures it would be 2.90%).
        var b = BudgetSampleFiles.Load("dacheng-2023") with
        {
            Prior = new PriorYearFigures(2022, new Dictionary<string, decimal> { ["basic"] = 127_849.99m }),
            Reasons = new Dictionary<string, string> { ["basic"] = "人员增加" },
        };
        var sentence = DisclosureComposer.Change(b, "basic", new Dictionary<string, decimal> { ["basic"] = 131_450.00m }, null);
        sentence.ShouldBe("，较2022年12.78万元增加0.37万元，增长2.82%，主要原因是人员增加");
        // 2.82% lies within what 0.37 (±0.01, a difference of two rounded amounts) ÷ 12.78 (±0.005) allows: 提示, not 错误
        var findings = DisclosureChecker.Check("t.txt", "示范县医疗保障局2023年部门预算公开\n\n2023年基本支出13.15万元" + sentence + "。");
        findings.ShouldNotContain(f => f.Severity == FindingSeverity.Error);
        findings.ShouldContain(f => f.Rule == "TXT-PCT" && f.Severity == FindingSeverity.Info);
    }

    [Fact]
    public void Prior_figures_linked_from_last_year_make_every_change_zero()
    {
        var b = BudgetSampleFiles.Load("yanchi-2024");
        var linked = b with { Prior = BudgetFigures.PriorFrom(b with { Year = 2023 }), Reasons = new Dictionary<string, string>() };
        BudgetValidator.Validate(linked).ShouldNotContain(f => f.Rule == "BGT-REASON");
        DisclosureComposer.Change(linked, "expense", BudgetFigures.Compute(linked), null).ShouldBe("，与2023年持平");
    }
}
