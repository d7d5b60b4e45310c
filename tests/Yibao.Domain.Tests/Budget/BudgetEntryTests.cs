using Yibao.Domain.Budget.Classification;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Tests.Budget;

public sealed class BudgetEntryTests
{
    private static DepartmentBudget Empty() => BudgetEntryTables.Empty(
        new BudgetUnit("901001", "示范县医疗保障局", UnitNature.Administrative, null, null, new Staffing(10, 9, 2), [], [], []), 2026, BudgetPhase.Budget, 1, "national");

    [Theory]
    [MemberData(nameof(BudgetSampleFiles.Names), MemberType = typeof(BudgetSampleFiles))]
    public void Writing_a_sample_and_reading_it_back_gives_the_same_budget_and_the_same_findings(string name)
    {
        var original = BudgetSampleFiles.Load(name);
        var written = BudgetJsonWriter.Write(original);
        var back = BudgetJson.Parse(written);
        BudgetJsonWriter.Write(back).ShouldBe(written);
        BudgetFigures.Compute(back).ShouldBe(BudgetFigures.Compute(original));
        BudgetValidator.Validate(back).Select(f => f.Rule + f.Message).ShouldBe(BudgetValidator.Validate(original).Select(f => f.Rule + f.Message));
        back.Lines.ShouldBe(original.Lines);
        back.Projects.Count.ShouldBe(original.Projects.Count);
    }

    [Fact]
    public void Every_table_read_from_its_own_rows_gives_the_same_budget()
    {
        var sample = BudgetSampleFiles.Load("zhenan-2023");
        foreach (var table in BudgetEntryTables.All)
        {
            var errors = new List<ImportRowError>();
            var again = BudgetEntryTables.Apply(table, sample, BudgetEntryTables.Rows(table, sample), 1, errors);
            errors.ShouldBeEmpty(table.Title + "：" + string.Join("；", errors));
            BudgetJsonWriter.Write(again).ShouldBe(BudgetJsonWriter.Write(sample), table.Title);
        }
    }

    [Fact]
    public void Bad_cells_are_reported_as_row_column_and_rule_and_blank_rows_are_skipped()
    {
        var errors = new List<ImportRowError>();
        IReadOnlyList<IReadOnlyList<string>> rows =
        [
            ["2101501", "", "30101", "50101", "一般公共预算拨款", "基本", "人员", "", "600,000", ""],
            ["", "", "", "", "", "", "", "", "", ""],
            ["2101501", "", "30201", "50201", "财政拨款", "基本", "", "", "abc", ""],
            ["2101550", "", "30201", "50201", "一般公共预算拨款", "项目", "公用", "P1", "-5", "999"],
        ];
        BudgetEntryTables.Apply(BudgetEntryTables.Lines, Empty(), rows, 2, errors, "支出明细·");
        errors.ShouldContain(new ImportRowError(4, "支出明细·资金来源", "“财政拨款”不是有效取值，应为 一般公共预算拨款、政府性基金拨款、国有资本经营预算拨款、财政专户管理资金、事业收入、上级补助收入、附属单位上缴收入、其他收入、上年结转"));
        errors.ShouldContain(new ImportRowError(4, "支出明细·金额（元）", "“abc”不是数字"));
        errors.ShouldContain(new ImportRowError(5, "支出明细·金额（元）", "不能为负数"));
        errors.ShouldContain(new ImportRowError(5, "支出明细·人员/公用", "只有基本支出填写人员/公用"));
        errors.ShouldContain(new ImportRowError(5, "支出明细·单位编码", "“999”不是本单位或其下属单位"));
        errors.ShouldNotContain(e => e.Row == 2 || e.Row == 3);
    }

    [Fact]
    public void Performance_targets_are_entered_per_object_and_bad_rows_are_named()
    {
        var budget = Empty() with { Projects = [new BudgetProject("P1", "医保经办服务", null, null)] };
        IReadOnlyList<IReadOnlyList<string>> rows =
        [
            ["", "提高参保质量", "产出指标", "数量指标", "基本医疗保险参保人数", "", "≥", "25", "万人", "", "20"],
            ["", "", "满意度指标", "服务对象满意度指标", "参保群众满意度", "", "≥", "90", "%", "", "10"],
            ["P1", "按时足额支付待遇", "效益指标", "社会效益指标", "待遇支付及时", "", "", "及时", "", "", ""],
        ];
        var errors = new List<ImportRowError>();
        var entered = BudgetEntryTables.Apply(BudgetEntryTables.Targets, budget, rows, 1, errors);
        errors.ShouldBeEmpty();
        entered.UnitTarget!.Goal.ShouldBe("提高参保质量");
        entered.UnitTarget.Indicators.Select(i => (i.Name, i.Operator, i.Value, i.Weight)).ShouldBe([("基本医疗保险参保人数", "≥", "25", 20m), ("参保群众满意度", "≥", "90", 10m)]);
        entered.Projects.Single().Target!.Indicators.Single().Operator.ShouldBe("");
        BudgetEntryTables.Rows(BudgetEntryTables.Targets, entered).Count.ShouldBe(3);

        IReadOnlyList<IReadOnlyList<string>> bad =
        [
            ["P9", "", "产出指标", "数量指标", "人数", "", "≥", "25", "人", "", ""],
            ["", "", "产出指标", "数量指标", "人数", "", "≧≧", "25", "人", "", ""],
            ["", "", "产出指标", "数量指标", "人数", "", "≥", "很多", "人", "", "120"],
        ];
        errors.Clear();
        BudgetEntryTables.Apply(BudgetEntryTables.Targets, budget, bad, 2, errors, "绩效目标·");
        errors.ShouldContain(new ImportRowError(2, "绩效目标·对象", "“P9”不是本预算的项目编号（先在“项目”表中登记项目）"));
        errors.ShouldContain(e => e.Row == 3 && e.Column == "绩效目标·符号");
        errors.ShouldContain(new ImportRowError(4, "绩效目标·指标值", "有符号 ≥ 的定量指标，指标值须为数字，实为“很多”"));
        errors.ShouldContain(new ImportRowError(4, "绩效目标·权重（分）", "不能超过 100 分"));
    }

    [Fact]
    public void Entered_tables_feed_the_same_validator_and_a_missing_reason_is_named()
    {
        var b = Empty() with { Prior = new PriorYearFigures(2025, new Dictionary<string, decimal> { ["expense"] = 900000m }) };
        var errors = new List<ImportRowError>();
        b = BudgetEntryTables.Apply(BudgetEntryTables.Revenue, b, [["一般公共预算拨款", "1000000"]], 1, errors);
        b = BudgetEntryTables.Apply(BudgetEntryTables.Lines, b, [["2101501", "", "30101", "50101", "一般公共预算拨款", "基本", "人员", "", "1000000", ""]], 1, errors);
        errors.ShouldBeEmpty();
        var findings = BudgetValidator.Validate(b);
        findings.ShouldContain(f => f.Rule == RuleCatalog.BudgetReason.Id && f.Location == "reasons.expense");
        b = BudgetEntryTables.Apply(BudgetEntryTables.Prior, b, [["expense", "", "900000", "人员增加"]], 1, errors);
        BudgetValidator.Validate(b).ShouldNotContain(f => f.Rule == RuleCatalog.BudgetReason.Id && f.Location == "reasons.expense");
        b.Reasons["expense"].ShouldBe("人员增加");
    }

    [Fact]
    public void Linked_prior_figures_are_not_overwritten_by_the_table_only_reasons_are()
    {
        var b = Empty() with { Prior = new PriorYearFigures(2025, new Dictionary<string, decimal> { ["expense"] = 900000m }) { Source = "已链接：上年预算" } };
        var errors = new List<ImportRowError>();
        var after = BudgetEntryTables.Apply(BudgetEntryTables.Prior, b, [["expense", "", "1", "原因"]], 1, errors);
        after.Prior!["expense"].ShouldBe(900000m);
        after.Prior.IsLinked.ShouldBeTrue();
        BudgetJson.Parse(BudgetJsonWriter.Write(after)).Prior!.Source.ShouldBe("已链接：上年预算");
    }

    private static List<IReadOnlyList<string>> Csv(params string[] lines) =>
        [.. CatalogCsv.ReadRecords(new StringReader(string.Join("\n", lines))).Select(r => (IReadOnlyList<string>)r)];

    [Fact]
    public void Classification_file_rows_are_checked_and_an_imported_year_is_authoritative_for_its_kinds()
    {
        var (_, errors) = ClassificationCsv.Parse(Csv(
            "年度,分类类型,编码,名称,上级编码,对应政府经济分类",
            "2026,功能,210,卫生健康支出,,",
            "2026,功能,21015,医疗保障管理事务,210,",
            "2026,功能,2101599,其他医疗保障管理事务支出,21099,",
            "2026,经济,30201,办公费,,",
            "2026,功能,21015,重复,210,",
            "2026,部门经济,30201,办公费,302,5020",
            "1999,功能,2101506,,21015,"));
        errors.ShouldContain(new ImportRowError(4, "上级编码", "应为编码的前 5 位“21015”，实为“21099”"));
        errors.ShouldContain(new ImportRowError(5, "分类类型", "应为 功能、部门经济 或 政府经济，实为“经济”"));
        errors.ShouldContain(new ImportRowError(6, "编码", "2026 年功能分类编码 21015 与第 3 行重复"));
        errors.ShouldContain(new ImportRowError(7, "对应政府经济分类", "应为 5 开头的 3 或 5 位数字，实为“5020”"));
        errors.ShouldContain(new ImportRowError(7, "上级编码", "上级科目 302 不在文件的 2026 年部门经济分类中"));
        errors.ShouldContain(new ImportRowError(8, "年度", "应为 2000–2100 之间的年份，实为“1999”"));
        errors.ShouldContain(new ImportRowError(8, "名称", "必填"));

        var (rows, ok) = ClassificationCsv.Parse(Csv(
            "年度,分类类型,编码,名称,上级编码,对应政府经济分类",
            "2026,功能,210,卫生健康支出,,",
            "2026,功能,21015,医疗保障管理事务,210,",
            "2026,功能,2101506,医疗保障经办事务（新）,21015,",
            "2026,部门经济,302,商品和服务支出,,502",
            "2026,部门经济,30201,办公费,302,50201"));
        ok.ShouldBeEmpty();
        var catalog = ClassificationCsv.ForYear(rows, 2026);
        catalog.Find(ClassificationKind.Function, "2101506", 2026)!.Name.ShouldBe("医疗保障经办事务（新）");
        catalog.IsKnownAbsent(ClassificationKind.Function, "2101501", 2026).ShouldBeTrue();
        catalog.Find(ClassificationKind.GovernmentEconomic, "50201", 2026).ShouldNotBeNull(); // not imported: shipped catalog
        catalog.GovernmentCodeFor("30201").ShouldBe("50201");
        ClassificationCsv.ForYear(rows, 2025).ShouldBeSameAs(ClassificationCatalog.Default);

        var b = Empty() with
        {
            Revenue = [new RevenueLine(FundingSource.GeneralPublic, 300m)],
            Lines =
            [
                new BudgetLine("901001", "2101501", "30201", "50201", FundingSource.GeneralPublic, ExpenseType.Basic, BasicKind.Public, null, 100m),
                new BudgetLine("901001", "2101506", "30201", "50299", FundingSource.GeneralPublic, ExpenseType.Basic, BasicKind.Public, null, 200m),
            ],
        };
        var findings = BudgetValidator.Validate(b, catalog);
        findings.ShouldContain(f => f.Rule == RuleCatalog.ClassCode.Id && f.Severity == FindingSeverity.Error && f.Message.Contains("2101501", StringComparison.Ordinal));
        findings.ShouldContain(f => f.Rule == RuleCatalog.BudgetEconomicMap.Id && f.Location == "预算明细第2行");
        BudgetValidator.Validate(b).ShouldNotContain(f => f.Rule == RuleCatalog.ClassCode.Id && f.Severity == FindingSeverity.Error);
    }
}
