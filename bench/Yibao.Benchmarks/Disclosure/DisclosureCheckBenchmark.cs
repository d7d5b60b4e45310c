using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Benchmarks.Disclosure;

/// <summary>
/// Checks a synthetic disclosure of about 50 pages (narrative paragraphs with 其中 lists, changes and percentages,
/// coded tables in 元, purposes per account and an outlined 收支总表 without codes). Baseline: parsing only; the ratio shows what the rules cost on top.
/// Run: dotnet run -c Release --project bench/Yibao.Benchmarks -- --filter '*DisclosureCheck*' --job short
/// </summary>
[MemoryDiagnoser]
public class DisclosureCheckBenchmark
{
    private string _text = "";

    [Params(50)]
    public int Pages { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Synthetic(Pages);

    public static string Synthetic(int pages)
    {
        var sb = new StringBuilder("示范县医疗保障局2024年部门预算公开\n\n");
        for (int p = 0; p < pages; p++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{p + 1}、第{p + 1}部分说明\n\n");
            for (int k = 0; k < 6; k++)
            {
                decimal b = 100 + p + k;
                sb.Append(CultureInfo.InvariantCulture, $"2024年支出预算{b + 40:0.00}万元，其中基本支出{b:0.00}万元，包括人员经费{b - 10:0.00}万元和公用经费10.00万元；项目支出40.00万元。较2023年的{b:0.00}万元增加40.00万元，增长{40m / b * 100m:0.00}%。\n\n");
            }
            sb.Append("一般公共预算支出表\n\n单位：元\n\n科目编码\t科目名称\t合计\t人员经费\t公用经费\t项目支出\n");
            sb.Append("210\t卫生健康支出\t1000000.00\t500000.00\t100000.00\t400000.00\n21015\t医疗保障管理事务\t1000000.00\t500000.00\t100000.00\t400000.00\n");
            sb.Append("2101550\t事业运行\t600000.00\t500000.00\t100000.00\t\n2101506\t医疗保障经办事务\t400000.00\t\t\t400000.00\n\n说明：表中数字为示例。\n\n");
            // purposes per account (TXT-PURPOSE) and an outlined 收支总表 without codes (TBL-OUTLINE)
            sb.Append("卫生健康支出（类）医疗保障管理事务（款）事业运行（项）（2101550）60.00万元，主要用于在职人员工资和日常办公支出。医疗保障经办事务（2101506）40.00万元，主要用于医保经办专项工作经费。\n\n");
            sb.Append("收支总表\n\n单位：元\n\n收入项目\t预算数\t支出项目\t预算数\n一、部门预算\t1000000.00\t一、部门预算\t1000000.00\n1、财政拨款\t\t1、人员经费和公用经费\t\n(1)一般公共预算拨款\t1000000.00\t(1)工资福利支出\t500000.00\n(2)政府性基金拨款\t\t(2)商品和服务支出\t100000.00\n2、事业收入\t\t2、项目支出\t400000.00\n本年收入合计\t1000000.00\t本年支出合计\t1000000.00\n\n");
        }
        return sb.ToString();
    }

    [Benchmark(Baseline = true)]
    public int Parse() => DisclosureParser.Parse("synthetic.txt", _text).Sentences.Count;

    [Benchmark]
    public int ParseAndCheck() => DisclosureChecker.Check("synthetic.txt", _text).Count;
}
