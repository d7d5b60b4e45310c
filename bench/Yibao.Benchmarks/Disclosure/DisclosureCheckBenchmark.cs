using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Benchmarks.Disclosure;

/// <summary>
/// Checks a synthetic disclosure of about 50 pages (narrative paragraphs with 其中 lists, changes and percentages,
/// and coded tables in 元). Baseline: parsing only; the ratio shows what the rules cost on top.
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
        }
        return sb.ToString();
    }

    [Benchmark(Baseline = true)]
    public int Parse() => DisclosureParser.Parse("synthetic.txt", _text).Sentences.Count;

    [Benchmark]
    public int ParseAndCheck() => DisclosureChecker.Check("synthetic.txt", _text).Count;
}
