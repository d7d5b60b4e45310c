using BenchmarkDotNet.Attributes;
using Yibao.Domain.Budget.Model;
using Yibao.Infrastructure.Reports.Budget;

namespace Yibao.Benchmarks.Budget;

/// <summary>
/// Generation of a complete disclosure (镇安 sample, Shaanxi 15 tables): composing (baseline), then HTML + DOCX + XLSX.
/// Target (DESIGN, issue 6): HTML + DOCX + XLSX under 2 s. Run: dotnet run -c Release --project bench/Yibao.Benchmarks -- --filter *BudgetDisclosure*
/// </summary>
[MemoryDiagnoser]
public class BudgetDisclosureBenchmark
{
    private DepartmentBudget _budget = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples", "budgets")))
        {
            dir = dir.Parent;
        }
        _budget = BudgetJson.Parse(File.ReadAllText(Path.Combine(dir!.FullName, "samples", "budgets", "zhenan-2023.json")));
    }

    [Benchmark(Baseline = true)]
    public GeneratedDisclosure Compose() => DisclosureComposer.Compose(_budget, DisclosureProfiles.Shaanxi);

    [Benchmark]
    public long HtmlDocxXlsx()
    {
        var d = DisclosureComposer.Compose(_budget, DisclosureProfiles.Shaanxi);
        var html = BudgetHtmlRenderer.Render(d);
        using var docx = new MemoryStream();
        BudgetDocxRenderer.Render(d, docx);
        using var xlsx = new MemoryStream();
        BudgetXlsxRenderer.Render(d, xlsx);
        return html.Length + docx.Length + xlsx.Length;
    }
}
