using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Domain.Tests.Budget;

/// <summary>TBL-OUTLINE: tables whose rows form an outline without classification codes.</summary>
public class OutlineTableTests
{
    private const string Head = "示范县医疗保障局2023年部门预算公开\n\n";

    private static List<Finding> Outline(string table) =>
        DisclosureChecker.Check("t.txt", Head + table).Where(f => f.Rule == "TBL-OUTLINE").ToList();

    // 合计 = 一 + 二 = 80 + 20; 一 = (一) + (二) = 50 + 30; (一) = 1 + 2 = 20 + 30; 二 = ① + ② = 15 + 5
    private const string Consistent = """
        收入支出预算表

        单位：万元

        项目	本年预算	上年预算
        合计	100.00	90.00
        一、基本支出	80.00	70.00
        （一）人员经费	50.00	45.00
        1.工资福利支出	20.00	20.00
        2.对个人和家庭的补助	30.00	25.00
        （二）公用经费	30.00	25.00
        二、项目支出	20.00	20.00
        ①信息化建设	15.00	12.00
        ②宣传经费	5.00	8.00
        """;

    [Fact]
    public void Consistent_outline_is_quiet() => Outline(Consistent).ShouldBeEmpty();

    [Fact]
    public void Parent_not_equal_to_its_children_is_an_error_per_column()
    {
        var f = Outline(Consistent.Replace("2.对个人和家庭的补助\t30.00\t25.00", "2.对个人和家庭的补助\t30.00\t26.00", StringComparison.Ordinal)).ShouldHaveSingleItem();
        // (一) 上年 45.00 ≠ 20.00 + 26.00 = 46.00
        f.Severity.ShouldBe(FindingSeverity.Error);
        f.Actual.ShouldBe("45.00万元");
        f.Expected.ShouldBe("46.00万元");
        f.Difference.ShouldBe("-1.00万元");
        f.Location.ShouldContain("第4行第3列");
    }

    [Fact]
    public void Total_row_must_equal_the_top_level()
    {
        var f = Outline(Consistent.Replace("合计\t100.00", "合计\t101.00", StringComparison.Ordinal)).ShouldHaveSingleItem();
        f.Message.ShouldContain("合计");
        f.Expected.ShouldBe("100.00万元");
    }

    [Fact]
    public void Total_row_at_the_bottom_is_checked_too()
    {
        const string t = "支出表\n\n单位：元\n\n项目\t金额\n一、工资福利支出\t100.00\n二、商品和服务支出\t50.00\n三、对个人和家庭的补助\t20.00\n合计\t180.00\n";
        Outline(t).ShouldHaveSingleItem().Difference.ShouldBe("10.00元");
        Outline(t.Replace("180.00", "170.00", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Rounding_within_tolerance_is_info()
    {
        // 一 = 80.01 against 50.00 + 30.00: within max(0.01, 0.005 × 3) → 提示
        var f = Outline(Consistent.Replace("一、基本支出\t80.00", "一、基本支出\t80.01", StringComparison.Ordinal).Replace("合计\t100.00", "合计\t100.01", StringComparison.Ordinal));
        f.ShouldNotBeEmpty();
        f.ShouldAllBe(x => x.Severity == FindingSeverity.Info);
    }

    [Fact]
    public void Of_which_rows_are_not_parts()
    {
        const string t = "收入表\n\n单位：万元\n\n项目\t金额\n合计\t100.00\n一、财政拨款收入\t90.00\n其中：专项资金\t40.00\n二、其他收入\t10.00\n";
        Outline(t).ShouldBeEmpty();
    }

    [Fact]
    public void Side_by_side_income_and_expense_blocks_with_blank_parents()
    {
        // two label columns; 1、 is blank and stands for (1) + (2); 一 = 1、 + 2、 on both sides
        const string t = """
            收支总表

            单位：元

            收入项目	预算数	支出项目	预算数
            一、部门预算	300.00	一、部门预算	300.00
            1、财政拨款		1、人员经费和公用经费	
            (1)一般公共预算拨款	250.00	(1)工资福利支出	200.00
            其中：专项资金		(2)商品和服务支出	50.00
            (2)政府性基金拨款		2、项目支出	50.00
            2、事业收入	50.00		
            本年收入合计	300.00	本年支出合计	300.00
            上年结转		结转下年	
            收入总计	300.00	支出总计	300.00
            """;
        Outline(t).ShouldBeEmpty();
        var f = Outline(t.Replace("(2)商品和服务支出\t50.00", "(2)商品和服务支出\t60.00", StringComparison.Ordinal)).ShouldHaveSingleItem();
        // right block: 一 300 ≠ (200 + 60) + 50 = 310
        f.Expected.ShouldBe("310.00元");
        f.Location.ShouldContain("第2行第4列");
    }

    [Fact]
    public void Ordinals_out_of_sequence_are_not_guessed()
    {
        // 2. after 3. is not an outline we understand: parent 一 is not checked
        const string t = "支出表\n\n单位：万元\n\n项目\t金额\n一、基本支出\t50.00\n1.人员经费\t20.00\n3.公用经费\t20.00\n二、项目支出\t10.00\n";
        Outline(t).ShouldBeEmpty();
    }

    [Fact]
    public void Unnumbered_rows_with_amounts_under_a_parent_stop_the_check()
    {
        const string t = "支出表\n\n单位：万元\n\n项目\t金额\n合计\t60.00\n一、基本支出\t50.00\n人员经费\t20.00\n公用经费\t30.00\n二、项目支出\t10.00\n";
        Outline(t).ShouldBeEmpty();
        // and an unnumbered row among the top level keeps the 合计 from being compared
        const string u = "支出表\n\n单位：万元\n\n项目\t金额\n合计\t70.00\n一、基本支出\t50.00\n二、项目支出\t10.00\n上年结转\t5.00\n";
        Outline(u).ShouldBeEmpty();
    }

    [Fact]
    public void Serial_number_column_with_bare_ordinals()
    {
        const string t = "项目支出表\n\n单位：万元\n\n序号\t项目名称\t金额\n一\t业务经费\t30.00\n1\t稽核经费\t10.00\n2\t宣传经费\t15.00\n二\t信息化\t5.00\n\t合计\t35.00\n";
        var f = Outline(t).ShouldHaveSingleItem(); // 一 30 ≠ 10 + 15
        f.Message.ShouldContain("业务经费");
        f.Expected.ShouldBe("25.00万元");
    }

    [Fact]
    public void Indicator_tables_are_not_sums() =>
        Outline("绩效目标表\n\n项目\t指标值\n一、产出指标\t100\n1.参保率\t95\n2.覆盖率\t98\n").ShouldBeEmpty();

    [Theory]
    [InlineData("一、基本支出", OutlineTables.Style.ChineseComma, 1)]
    [InlineData("十二、其他支出", OutlineTables.Style.ChineseComma, 12)]
    [InlineData("（三）公用经费", OutlineTables.Style.ParenChinese, 3)]
    [InlineData("(二)公用经费", OutlineTables.Style.ParenChinese, 2)]
    [InlineData("4.办公费", OutlineTables.Style.Arabic, 4)]
    [InlineData("10、卫生健康支出", OutlineTables.Style.Arabic, 10)]
    [InlineData("(5)资本性支出(基本建设)", OutlineTables.Style.ParenArabic, 5)]
    [InlineData("<b>③</b>差旅费", OutlineTables.Style.Circled, 3)]
    public void Prefixes(string label, OutlineTables.Style style, int ordinal)
    {
        OutlineTables.TryPrefix(label, false, out var s, out var o).ShouldBeTrue();
        s.ShouldBe(style);
        o.ShouldBe(ordinal);
    }

    [Theory]
    [InlineData("1.5万元")]
    [InlineData("2023年预算")]
    [InlineData("其中：专项资金")]
    [InlineData("合计")]
    public void Not_prefixes(string label) => OutlineTables.TryPrefix(label, false, out _, out _).ShouldBeFalse();
}
