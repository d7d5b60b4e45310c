using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Domain.Tests.Budget;

/// <summary>TXT-PURPOSE: the purpose written for an account must fit that account.</summary>
public class PurposeRuleTests
{
    private static List<Finding> Final(string body) =>
        DisclosureChecker.Check("t.txt", "示范县医疗保障局2023年部门决算公开\n\n" + body).Where(f => f.Rule == "TXT-PURPOSE").ToList();

    private static List<Finding> Budget(string body) =>
        DisclosureChecker.Check("t.txt", "示范县医疗保障局2023年部门预算公开\n\n" + body).Where(f => f.Rule == "TXT-PURPOSE").ToList();

    [Fact]
    public void Project_wording_under_administrative_operation_is_a_warning()
    {
        var f = Final("卫生健康支出（类）医疗保障管理事务（款）行政运行（项）（2101501）支出决算50.00万元，主要用于医保信息系统建设项目经费和专项工作经费。").ShouldHaveSingleItem();
        f.Severity.ShouldBe(FindingSeverity.Warning);
        f.Message.ShouldContain("行政运行（2101501）");
        f.Message.ShouldContain("项目支出");
        f.Expected.ShouldBe("机构运转所需的人员经费和日常公用经费");
    }

    [Fact]
    public void Relief_under_administrative_operation_is_a_warning() =>
        Final("行政运行支出30.00万元，主要用于城乡困难群众医疗救助。").ShouldHaveSingleItem().Message.ShouldContain("医疗救助");

    [Fact]
    public void Personnel_and_office_under_a_fund_subsidy_account_is_a_warning()
    {
        var f = Final("财政对城乡居民基本医疗保险基金的补助（2101202）支出决算1000.00万元，主要用于本单位在职人员工资和办公费。").ShouldHaveSingleItem();
        f.Message.ShouldContain("人员经费");
        f.Message.ShouldContain("日常公用经费");
    }

    [Fact]
    public void Personnel_under_medical_relief_is_a_warning() =>
        Final("医疗救助支出80.00万元，主要用于发放工作人员津贴和绩效奖励。").ShouldHaveSingleItem();

    [Fact]
    public void Account_named_in_the_sentence_before()
    {
        // “…（2101501）… 万元。主要用于…” — the purpose sentence refers to the account of the sentence before it
        Budget("卫生健康支出（类）医疗保障管理事务（款）行政运行（项）（2101501）2023 年预算 5.00 万元。主要用于资助困难群众参保。").ShouldHaveSingleItem();
        Budget("卫生健康支出（类）医疗保障管理事务（款）行政运行（项）（2101501）2023 年预算 5.00 万元。主要用于机关日常运转。").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("行政运行（2101501）支出决算50.00万元，主要用于在职人员工资、津贴补贴和日常办公支出。")]
    [InlineData("财政对城乡居民基本医疗保险基金的补助（2101202）支出决算1000.00万元，主要用于城乡居民医保参保补助。")]
    [InlineData("城乡医疗救助（2101301）支出决算80.00万元，主要用于资助特困人员参保和住院救助。")]
    [InlineData("医疗保障经办事务（2101506）支出决算36.00万元，主要用于医保经办专项工作经费和信息系统建设。")]
    [InlineData("住房公积金（2210201）支出决算27.17万元，用于按规定为在职人员缴纳住房公积金。")]
    [InlineData("其他医疗保障管理事务支出（2101599）支出决算10.00万元，主要用于在职人员工资。")] // 其他… takes anything
    [InlineData("机关运行经费支出决算30.85万元，主要用于办公用房水电费、物业管理费和差旅费。")]
    public void Fitting_purposes_are_quiet(string sentence) => Final(sentence).ShouldBeEmpty();

    [Fact]
    public void Definitions_and_glossary_are_not_purposes()
    {
        Final("行政运行：指行政单位用于保障机构正常运转的基本支出，不包括专项工作经费。").ShouldBeEmpty();
        Final("## 名词解释\n\n1．行政运行：反映行政单位的基本支出，用于专项工作经费以外的支出。").ShouldBeEmpty();
    }

    [Fact]
    public void Running_costs_are_not_for_salaries() =>
        Final("机关运行经费支出决算30.85万元，主要用于在职人员工资和办公费。").ShouldHaveSingleItem().Message.ShouldContain("机关运行经费");

    [Fact]
    public void Map_is_data_with_known_categories()
    {
        var ids = PurposeRules.Categories.Select(c => c.Id).ToHashSet();
        PurposeRules.Accounts.SelectMany(a => a.Unfit).ShouldAllBe(u => ids.Contains(u));
        PurposeRules.Categories.Select(c => c.Id).ShouldBeUnique();
    }
}
