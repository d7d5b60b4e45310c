using Yibao.Domain.Budget.Classification;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Domain.Tests.Budget;

/// <summary>Hand-made positive and negative cases, one group per rule of the catalog.</summary>
public class DisclosureRuleTests
{
    private const string Head = "示范县医疗保障局2023年部门预算公开\n\n";

    private static IReadOnlyList<Finding> Check(string body) => DisclosureChecker.Check("t.txt", Head + body);

    /// <summary>Findings except the document-level completeness ones (a snippet is not a whole disclosure).</summary>
    private static List<Finding> Quiet(string body) => Check(body).Where(f => f.Rule is not ("CMP-TABLES" or "CMP-SECTIONS")).ToList();

    private static List<Finding> Of(string body, string rule) => Check(body).Where(f => f.Rule == rule).ToList();

    public class SumBasic
    {
        [Fact]
        public void Mismatch_is_an_error_with_the_arithmetic()
        {
            var f = Of("2023年支出预算100万元，其中基本支出60.15万元，包括人员经费50万元和公用经费10万元；项目支出40万元。", "SUM-BASIC").ShouldHaveSingleItem();
            f.Severity.ShouldBe(FindingSeverity.Error);
            f.Expected.ShouldBe("60.00万元");
            f.Actual.ShouldBe("60.15万元");
            f.Difference.ShouldBe("0.15万元");
        }

        [Fact]
        public void Consistent_figures_are_quiet() =>
            Quiet("2023年支出预算100万元，其中基本支出60万元，包括人员经费50万元和公用经费10万元；项目支出40万元。").ShouldBeEmpty();

        [Fact]
        public void Rounding_within_tolerance_is_info_not_error()
        {
            var f = Of("基本支出60.01万元，包括人员经费50万元和公用经费10万元。", "SUM-BASIC").ShouldHaveSingleItem();
            f.Severity.ShouldBe(FindingSeverity.Info);
        }
    }

    public class SumExpense
    {
        [Fact]
        public void Total_not_equal_to_basic_plus_project() =>
            Of("2023年支出预算200万元，其中：基本支出80万元；项目支出100万元。", "SUM-EXPENSE").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Error);

        [Fact]
        public void Equal_is_quiet() => Of("2023年支出预算180万元，其中：基本支出80万元；项目支出100万元。", "SUM-EXPENSE").ShouldBeEmpty();
    }

    public class SumSanGong
    {
        [Fact]
        public void Parts_including_parenthetical_breakdown()
        {
            Of("“三公”经费预算3万元，其中：因公出国（境）费0万元；公务用车购置及运行维护费2.85万元（其中：公务用车购置费0万元，公务用车运行维护费2.85万元）；公务接待费0.15万元。", "SUM-SANGONG").ShouldBeEmpty();
            Of("“三公”经费预算3万元，其中：因公出国（境）费0万元；公务用车购置及运行维护费2.85万元（其中：公务用车购置费1万元，公务用车运行维护费2.85万元）；公务接待费0.15万元。", "SUM-SANGONG")
                .ShouldHaveSingleItem().Expected.ShouldBe("3.85万元");
        }

        [Fact]
        public void Total_in_previous_sentence()
        {
            Of("财政拨款“三公”经费预算安排6万元。其中，因公出国（境）费1万元；公务接待费1万元。", "SUM-SANGONG").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Error);
        }
    }

    /// <summary>A list whose total sits inside the previous sentence ("…14.43万元，比上年…。主要包括：…").</summary>
    public class SplitList
    {
        [Fact]
        public void Parts_above_a_total_stated_mid_sentence_before_are_an_error()
        {
            // 10.00 + 5.00 = 15.00 > 14.43: even a non-exhaustive list (主要包括) cannot exceed its total
            var f = Of("2023年一般公共预算财政拨款基本支出14.43万元，比上年减少2.00万元。主要包括：办公费10.00万元、印刷费5.00万元。", "SUM-PARTS");
            f.ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Error);
            f[0].Expected.ShouldBe("15.00万元");
            f[0].Actual.ShouldBe("14.43万元");
        }

        [Fact]
        public void Parts_below_the_total_are_quiet_for_a_main_items_list() =>
            Of("2023年一般公共预算财政拨款基本支出14.43万元，比上年减少2.00万元。主要包括：办公费10.00万元、印刷费4.00万元。", "SUM-PARTS").ShouldBeEmpty();

        [Fact]
        public void Expense_parts_pick_the_expense_total_among_several_amounts()
        {
            // previous sentence: 收入 200 and 支出 180 (then a change); 基本 80 + 项目 110 = 190 ≠ 支出 180
            var f = Of("2023年收入预算合计200万元，支出预算合计180万元，比上年增加10万元。其中：基本支出80万元，项目支出110万元。", "SUM-EXPENSE").ShouldHaveSingleItem();
            f.Severity.ShouldBe(FindingSeverity.Error);
            f.Actual.ShouldBe("180.00万元");
            f.Expected.ShouldBe("190.00万元");
            Quiet("2023年收入预算合计200万元，支出预算合计190万元，比上年增加10万元。其中：基本支出80万元，项目支出110万元。").ShouldBeEmpty();
        }

        [Fact]
        public void Income_parts_are_not_compared_with_the_closing_expense_total()
        {
            // the closing amount is 支出 120, but the parts are income: 90 + 10 = 100 = 收入 100
            Quiet("2023年收入合计100万元，支出合计120万元。其中：一般公共预算拨款收入90万元，上年结转10万元。").ShouldBeEmpty();
            Of("2023年收入合计105万元，支出合计120万元。其中：一般公共预算拨款收入90万元，上年结转10万元。", "SUM-PARTS")
                .ShouldHaveSingleItem().Actual.ShouldBe("105.00万元");
        }

        [Fact]
        public void Personnel_and_public_costs_pick_basic_expenditure()
        {
            // 基本支出 60 ≠ 人员经费 50 + 公用经费 15 = 65; 项目支出 40 is not the total
            Of("2023年基本支出60万元，项目支出40万元。其中：人员经费50万元，公用经费15万元。", "SUM-BASIC").ShouldHaveSingleItem().Expected.ShouldBe("65.00万元");
        }

        [Fact]
        public void List_opening_a_new_paragraph_takes_its_total_from_the_paragraph_before()
        {
            var f = Of("2023年支出预算合计100万元，收入预算合计100万元。\n\n其中：基本支出60万元，项目支出50万元。", "SUM-EXPENSE").ShouldHaveSingleItem();
            f.Difference.ShouldBe("-10.00万元");
            Of("2023年支出预算合计110万元，收入预算合计110万元。\n\n其中：基本支出60万元，项目支出50万元。", "SUM-EXPENSE").ShouldBeEmpty();
        }

        [Fact]
        public void Two_fitting_totals_are_resolved_only_by_an_exact_match()
        {
            // both 本年支出 and 上年支出 are expense totals; the parts add up to one of them: consistent, quiet
            Of("2023年支出预算100万元，2022年支出预算90万元。其中：基本支出60万元，项目支出40万元。", "SUM-EXPENSE").ShouldBeEmpty();
            // neither matches and no amount closes the sentence: not guessed
            Of("2023年支出预算100万元，2022年支出预算90万元，增长11.11%。其中：基本支出60万元，项目支出45万元。", "SUM-EXPENSE").ShouldBeEmpty();
        }

        [Fact]
        public void Ambiguous_previous_sentence_with_two_amounts_is_not_guessed() =>
            Of("2023年基本支出14.43万元，项目支出3.00万元，比上年减少2.00万元。主要包括：办公费10.00万元、印刷费9.00万元。", "SUM-PARTS").ShouldBeEmpty();
    }

    public class SumProcurement
    {
        [Fact]
        public void Goods_works_services()
        {
            Of("政府采购预算10万元，其中：政府采购货物预算5万元，政府采购工程预算0万元，政府采购服务预算4万元。", "SUM-PROCUREMENT").ShouldHaveSingleItem().Difference.ShouldBe("1.00万元");
            Of("政府采购预算9万元，其中：政府采购货物预算5万元，政府采购工程预算0万元，政府采购服务预算4万元。", "SUM-PROCUREMENT").ShouldBeEmpty();
        }
    }

    public class SumParts
    {
        [Fact]
        public void Income_list_with_blank_amount_still_sums_and_reports_placeholder()
        {
            var all = Check("2023年预算收入100万元，其中：一般公共预算收入90万元，基金预算收入0万元，其他来源收入万元，上年结转10万元。");
            all.ShouldNotContain(f => f.Rule == "SUM-PARTS");
            all.ShouldContain(f => f.Rule == "CMP-PLACEHOLDER" && f.Severity == FindingSeverity.Error);
        }

        [Fact]
        public void Main_items_below_total_are_accepted_but_above_is_error()
        {
            Of("机关运行经费20万元，主要包括：办公费5万元、水电费3万元。", "SUM-PARTS").ShouldBeEmpty();
            Of("机关运行经费5万元，主要包括：办公费5万元、水电费3万元。", "SUM-PARTS").ShouldHaveSingleItem();
        }

        [Fact]
        public void Reason_clause_is_not_a_part() =>
            Of("本年收入313.17万元，其中一般公共预算拨款收入313.17万元、政府性基金拨款收入0万元，较上年减少1205.66万元，主要原因是补助支出1206.4万元本年不再安排。", "SUM-PARTS").ShouldBeEmpty();

        [Fact]
        public void Changes_sum_with_signs() =>
            Quiet("2023年预算4622.39万元，较2022年预算减少8957.33万元，其中基本支出增加21.51万元，主要包括：人员经费增加16.93万元，公用经费增加4.58万元；项目支出减少8978.84万元。").ShouldBeEmpty();

        [Fact]
        public void Prior_year_column_is_summed_too()
        {
            var f = Check("2023年收入预算总额为481.28万元，较2022年273.08万元增加了208.2万元，其中：工资福利支出266.7万元，较2022年235.7万元增加了31万元；项目支出214.58万元，较2022年47.38万元增加了167.2万元。");
            f.ShouldContain(x => x.Rule == "SUM-PARTS" && x.Message.Contains("上年数", StringComparison.Ordinal) && x.Difference == "-10.00万元");
        }
    }

    public class TextDifferenceAndPercent
    {
        [Fact]
        public void Wrong_difference_and_percent()
        {
            var f = Check("机关运行经费410.01万元，较2022年的32.51万元增加377.5万元，增长率57.13%。");
            f.ShouldNotContain(x => x.Rule == "TXT-DIFF");
            f.ShouldContain(x => x.Rule == "TXT-PCT" && x.Severity == FindingSeverity.Error && x.Expected == "1161.18%");
        }

        [Fact]
        public void Difference_not_matching()
        {
            Of("收入预算481.28万元，较2022年273.08万元增加了207.92万元。", "TXT-DIFF").ShouldHaveSingleItem().Expected.ShouldBe("208.20万元");
        }

        [Fact]
        public void Wrong_direction_is_error()
        {
            Of("公务接待费0.61万元，较2022年的0.76万元增加0.15万元。", "TXT-DIFF").ShouldHaveSingleItem().Message.ShouldContain("方向");
        }

        [Fact]
        public void Percent_within_the_interval_of_the_printed_inputs_is_info()
        {
            // 0.36 ÷ 12.78 = 2.82%, but 0.36 = 13.14 − 12.78 is a difference of two rounded amounts, so it stands for [0.35, 0.37],
            // and 12.78 for [12.775, 12.785]: the exact ratio lies in [2.74%, 2.90%], so a stated 2.85% is 提示, not 错误
            var f = Of("培训费预算13.14万元，较2022年12.78万元增加0.36万元，增长2.85%。", "TXT-PCT").ShouldHaveSingleItem();
            f.Severity.ShouldBe(FindingSeverity.Info);
            f.Message.ShouldContain("2.74%～2.90%");
            // 2.95% is outside every value the inputs allow
            Of("培训费预算13.14万元，较2022年12.78万元增加0.36万元，增长2.95%。", "TXT-PCT").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Error);
            // with only the change and the prior amount: 0.36 ± 0.005 over 12.78 ± 0.005 → [2.78%, 2.86%]
            Of("培训费较2022年12.78万元增加0.36万元，增长2.85%。", "TXT-PCT").ShouldHaveSingleItem().Message.ShouldContain("2.78%～2.86%");
            // the denominator recomputed from 本年 − 增减额 carries the imprecision of both
            Of("培训费预算13.14万元，比上年增加0.36万元，增长2.85%。", "TXT-PCT").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Info);
        }

        [Fact]
        public void Percent_interval_arithmetic()
        {
            var (lo, hi) = BudgetArithmetic.PercentInterval(0.36m, 12.78m, 0.005m, 0.005m)!.Value;
            Math.Round(lo, 4).ShouldBe(2.7767m);
            Math.Round(hi, 4).ShouldBe(2.8571m);
            BudgetArithmetic.PercentInterval(1m, 0.004m, 0m, 0.005m).ShouldBeNull(); // the denominator may be 0: anything goes
            // exact inputs (budget entry): no interval beyond the 0.01 point tolerance
            BudgetArithmetic.CheckPercent(RuleCatalog.TextPercent, "x", 2.85m, 2, 0.36m, 12.78m, "f", "l")!.Severity.ShouldBe(FindingSeverity.Error);
            BudgetArithmetic.CheckPercent(RuleCatalog.TextPercent, "x", 2.85m, 2, 0.36m, 12.78m, "f", "l", 0.005m, 0.005m)!.Severity.ShouldBe(FindingSeverity.Info);
            BudgetArithmetic.CheckPercent(RuleCatalog.TextPercent, "x", 2.82m, 2, 0.36m, 12.78m, "f", "l", 0.005m, 0.005m).ShouldBeNull();
        }

        [Fact]
        public void Percent_from_change_only_and_rounding()
        {
            Quiet("基本支出275.55万元，比2022年执行数增加4.01万元，增长1.48%。").ShouldBeEmpty();
            Quiet("优抚对象医疗补助2023年预算5.00万元，比2022年执行数减少5.00万元，下降50%。").ShouldBeEmpty();
            Of("收入预算481.28万元，较2022年273.08万元增加了208.2万元，增长率76.25%。", "TXT-PCT").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Info);
        }
    }

    public class TextYear
    {
        [Fact]
        public void Later_year_is_flagged_earlier_with_comparison_is_not()
        {
            Of("本单位2024年预算项目支出4个。", "TXT-YEAR").ShouldHaveSingleItem();
            Of("较2022年预算增加10万元。", "TXT-YEAR").ShouldBeEmpty();
            Of("本单位2021年预算收入100万元。", "TXT-YEAR").ShouldHaveSingleItem();
        }
    }

    public class Placeholders
    {
        [Theory]
        [InlineData("三公经费预算XX万元。")]
        [InlineData("三公经费预算××万元。")]
        [InlineData("较上年增长/下降0%。")]
        public void Placeholder_found(string s) => Of(s, "CMP-PLACEHOLDER").ShouldNotBeEmpty();

        [Fact]
        public void Unit_labels_are_not_placeholders() => Of("金额单位：万元。预算金额（万元）见下表。", "CMP-PLACEHOLDER").ShouldBeEmpty();
    }

    public class Completeness
    {
        [Fact]
        public void Missing_tables_and_sections_are_warnings()
        {
            var f = Check("一、部门职责\n\n本部门负责医保经办。");
            f.ShouldContain(x => x.Rule == "CMP-TABLES" && x.Severity == FindingSeverity.Warning);
            f.ShouldContain(x => x.Rule == "CMP-SECTIONS");
        }

        [Fact]
        public void Empty_table_without_explanation_is_warning_with_explanation_quiet()
        {
            const string table = "政府采购预算表\n\n单位：万元\n\n项目\t金额\t\n合计\t\t\n\n三、其他";
            Of(table, "CMP-EMPTY").ShouldHaveSingleItem();
            Of("本单位无政府采购预算，公开空表。\n\n" + table, "CMP-EMPTY").ShouldBeEmpty();
        }
    }

    public class TableArithmetic
    {
        private const string Table = """
            一般公共预算支出表

            单位：元

            科目编码	科目名称	合计	人员经费	公用经费	项目支出
            	合计	3000.00	2000.00	500.00	500.00
            210	卫生健康支出	2500.00	1500.00	500.00	500.00
            21015	医疗保障管理事务	2500.00	1500.00	500.00	500.00
            2101550	事业运行	2000.00	1500.00	500.00	
            2101506	医疗保障经办事务	500.00			500.00
            221	住房保障支出	500.00	500.00		
            22102	住房改革支出	500.00	500.00		
            2210201	住房公积金	500.00	500.00		
            """;

        [Fact]
        public void Consistent_table_is_quiet() =>
            Check(Table).Where(f => f.Rule.StartsWith("TBL", StringComparison.Ordinal) || f.Rule.StartsWith("CLS", StringComparison.Ordinal)).ShouldBeEmpty();

        [Fact]
        public void Parent_not_equal_children_and_row_total()
        {
            var f = Check(Table.Replace("2101550\t事业运行\t2000.00\t1500.00", "2101550\t事业运行\t2000.00\t1400.00", StringComparison.Ordinal));
            f.ShouldContain(x => x.Rule == "TBL-SUM" && x.Severity == FindingSeverity.Error && x.Difference == "100.00元");
            f.ShouldContain(x => x.Rule == "TBL-ROW" && x.Severity == FindingSeverity.Error);
        }

        [Fact]
        public void Income_total_equals_expense_total()
        {
            Of("收支总表\n\n单位：元\n\n项目\t预算数\t项目\t预算数\n收入总计\t100.00\t支出总计\t90.00\n", "TBL-BALANCE").ShouldHaveSingleItem().Difference.ShouldBe("-10.00元");
            Of("收支总表\n\n单位：元\n\n项目\t预算数\t项目\t预算数\n收入总计\t100.00\t支出总计\t100.00\n", "TBL-BALANCE").ShouldBeEmpty();
        }

        [Fact]
        public void Narrative_against_table_by_code()
        {
            Of(Table + "\n\n事业运行（2101550）0.20万元。", "TXT-TABLE").ShouldBeEmpty();
            Of(Table + "\n\n事业运行（2101550）0.30万元。", "TXT-TABLE").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Error);
        }
    }

    public class Classification
    {
        [Fact]
        public void Code_of_wrong_length_and_name_of_other_code()
        {
            var f = Check("卫生健康支出（类）医疗保障管理事务（款）其他医疗保障管理事务支出（项）（2101505）2023年预算9.00万元。");
            f.ShouldContain(x => x.Rule == "CLS-NAME" && x.Severity == FindingSeverity.Error && x.Expected == "医疗保障政策管理");
        }

        [Fact]
        public void Outdated_name_after_rename()
        {
            Of("医疗卫生与计划生育支出433.04万元。", "CLS-OUTDATED").ShouldHaveSingleItem();
            DisclosureChecker.Check("t.txt", "示范县2018年部门预算公开\n\n医疗卫生与计划生育支出433.04万元。").ShouldNotContain(x => x.Rule == "CLS-OUTDATED");
        }

        [Fact]
        public void Catalog_names_by_year()
        {
            var c = ClassificationCatalog.Default;
            c.Find(ClassificationKind.Function, "210", 2018)!.Name.ShouldBe("医疗卫生与计划生育支出");
            c.Find(ClassificationKind.Function, "210", 2019)!.Name.ShouldBe("卫生健康支出");
            c.Find(ClassificationKind.Function, "21015", 2018).ShouldBeNull();
            c.IsKnownAbsent(ClassificationKind.Function, "2101507", 2023).ShouldBeTrue();
            c.MatchName(ClassificationKind.DepartmentEconomic, "303", "个人和家庭的补助", 2023, out _).ShouldBe(NameMatch.Similar);
            ClassificationCatalog.HasValidShape("2210", ClassificationKind.Function).ShouldBeFalse();
        }
    }

    public class Plausibility
    {
        [Fact]
        public void Running_costs_for_institution_only_unit()
        {
            Of("本单位为公益一类事业单位。机关运行经费13.14万元。", "PLA-JGYX").ShouldHaveSingleItem();
            Of("本单位为行政单位。机关运行经费13.14万元。", "PLA-JGYX").ShouldBeEmpty();
        }

        [Fact]
        public void Running_costs_above_public_costs()
        {
            Of("商品和服务支出30.11万元。机关运行经费410.01万元。", "PLA-JGYX-MAX").ShouldHaveSingleItem();
            Of("商品和服务支出30.11万元。机关运行经费20万元。", "PLA-JGYX-MAX").ShouldBeEmpty();
        }

        [Fact]
        public void Satisfaction_written_as_at_most_and_rate_above_100()
        {
            Of("服务对象满意度≤92%。", "PLA-OPERATOR").ShouldHaveSingleItem();
            Of("服务对象满意度≥92%。", "PLA-OPERATOR").ShouldBeEmpty();
            Of("参保率≥120%。", "PLA-RATE").ShouldHaveSingleItem();
            Of("参保率≥100%。", "PLA-RATE").ShouldBeEmpty();
            Of("绩效指标\n\n指标\t符号\t值\t单位\t\n医疗救助率\t≥\t90\t人次\t\n", "PLA-RATE").ShouldHaveSingleItem();
        }
    }

    public class FinalAccounts
    {
        private static IReadOnlyList<Finding> Final(string s) => DisclosureChecker.Check("t.txt", "示范县医疗保障局2023年部门决算公开\n\n" + s);

        [Fact]
        public void Completion_rate_uses_the_stated_budget()
        {
            Final("年初预算为200万元，支出决算为180万元，完成年初预算的90%。").Where(f => f.Rule == "FA-RATE").ShouldBeEmpty();
            var f = Final("年初预算为200万元，调整预算为225万元，支出决算为180万元，完成年初预算的80%。").Where(x => x.Rule == "FA-RATE").ShouldHaveSingleItem();
            f.Message.ShouldContain("分母");
        }

        [Fact]
        public void Direction_and_reason()
        {
            Final("年初预算为200万元，支出决算为180万元，决算数大于预算数，主要原因是追加项目。").Where(f => f.Rule == "FA-DIRECTION").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Error);
            Final("年初预算为200万元，支出决算为220万元，决算数大于预算数，主要原因是追加项目。").Where(f => f.Rule == "FA-DIRECTION").ShouldBeEmpty();
            Final("年初预算为200万元，支出决算为220万元，决算数大于预算数。").Where(f => f.Rule == "FA-DIRECTION").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Warning);
        }

        [Fact]
        public void Completion_rate_against_the_adjusted_budget_and_printed_precision()
        {
            // 180 ÷ 225 = 80.00%: stated against the named 调整预算, consistent
            Final("年初预算为200.00万元，调整预算为225.00万元，支出决算为180.00万元，为调整预算的80.00%。").Where(f => f.Rule == "FA-RATE").ShouldBeEmpty();
            // 180 ÷ 200 = 90% would be 年初预算: the phrase names 调整预算, so the denominator is wrong
            var f = Final("年初预算为200.00万元，调整预算为225.00万元，支出决算为180.00万元，为调整预算的90.00%。").Where(x => x.Rule == "FA-RATE").ShouldHaveSingleItem();
            f.Severity.ShouldBe(FindingSeverity.Error);
            f.Message.ShouldContain("年初预算");
            // 12.34 ÷ 12.78 = 96.56%; 96.59% is inside what 12.335–12.345 ÷ 12.775–12.785 allows (96.48%–96.63%): 提示
            Final("年初预算为12.78万元，支出决算为12.34万元，完成年初预算的96.59%。").Where(x => x.Rule == "FA-RATE").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Info);
        }

        [Fact]
        public void Direction_less_than_with_the_reason_in_the_next_sentence()
        {
            Final("年初预算为200万元，支出决算为180万元，决算数小于预算数。主要原因是部分项目延期实施。").Where(f => f.Rule == "FA-DIRECTION").ShouldBeEmpty();
            Final("年初预算为200万元，支出决算为180万元，决算数小于预算数。").Where(f => f.Rule == "FA-DIRECTION").ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Warning);
            Final("年初预算为200万元，支出决算为220万元，决算数小于预算数，主要原因是项目延期。").Where(f => f.Rule == "FA-DIRECTION").ShouldHaveSingleItem().Expected.ShouldBe("大于");
        }
    }

    public class Normalization
    {
        [Fact]
        public void Full_width_digits_and_operators()
        {
            DisclosureParser.Normalize("１２３．４５万元 ≧ ≦ ％ $\\geq 2$").ShouldBe("123.45万元 ≥ ≤ % ≥ 2");
            var s = DisclosureParser.Parse("t", "基本支出５４０．９２万元，包括人员经费５０９．９２万元和公用经费３０．８５万元。").Sentences[0];
            s.Figures.Select(f => f.Value).ShouldBe([540.92m, 509.92m, 30.85m]);
        }

        [Fact]
        public void Unit_detected_per_table()
        {
            var d = DisclosureParser.Parse("t", "甲表\n\n单位：元\n\n项目\t金额\n合计\t1.00\n\n说明文字。\n\n乙表\n\n金额单位：万元\n\n项目\t金额\n合计\t1.00\n");
            d.Tables.Select(t => t.Unit).ShouldBe([FigureUnit.Yuan, FigureUnit.WanYuan]);
        }
    }

    public class SharedArithmetic
    {
        [Fact]
        public void Budget_entry_gets_the_same_verdict()
        {
            // budget entry checks structured data with the same function the checker uses
            var f = BudgetArithmetic.CheckSum(RuleCatalog.SumBasic, "基本支出", 540.92m, [("人员经费", 509.92m), ("公用经费", 30.85m)], "万元", "基本支出表");
            f!.Severity.ShouldBe(FindingSeverity.Error);
            f.Difference.ShouldBe("0.15万元");
            BudgetArithmetic.CheckSum(RuleCatalog.SumBasic, "基本支出", 540.78m, [("人员经费", 509.92m), ("公用经费", 30.85m)], "万元", "x")!.Severity.ShouldBe(FindingSeverity.Info);
            RuleCatalog.All.Select(r => r.Id).ShouldBeUnique();
        }
    }
}
