using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;

namespace Yibao.Benchmarks.Settlement;

/// <summary>
/// One settlement calculation: a 20-line 普通门诊 and a 300-line 住院 on the 示范县 policy and the demo catalog.
/// Baseline (naive): what a straightforward implementation does per settlement — rebuild the year-to-date
/// accumulators by replaying the person's earlier encounters of the year, allocating fresh results, LINQ summaries.
/// Run: dotnet run -c Release --project bench/Yibao.Benchmarks -- --filter '*SettlementBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SettlementBenchmarks
{
    private SettlementCalculator _calc = null!;
    private PersonSnapshot _employee = null!;
    private PersonSnapshot _resident = null!;
    private Encounter _outpatient = null!;
    private Encounter _inpatient = null!;
    private FeeLine[] _out20 = [];
    private FeeLine[] _in300 = [];
    private decimal[] _accOut = [];
    private decimal[] _accIn = [];
    private List<(Encounter Enc, FeeLine[] Lines)> _historyOut = [];
    private List<(Encounter Enc, FeeLine[] Lines)> _historyIn = [];
    private readonly SettlementResult _result = new();

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var policy = CompiledPolicy.Compile(PolicyJson.Parse(File.ReadAllText(Path.Combine(root, "samples", "policies", "shifanxian-2025.json"))));
        var catalog = new Catalog(DemoCatalogGenerator.Generate(), DemoCatalogGenerator.Diagnoses);
        _calc = new SettlementCalculator(policy, catalog);
        _employee = new PersonSnapshot { PsnNo = "E", Insutypes = ["310", "330", "320"], Category = "12", Age = 66, Gender = Gender.Male, AccountBalance = 5000m };
        _resident = new PersonSnapshot { PsnNo = "R", Insutypes = ["390", "392"], Category = "21", Statuses = ["dibao"], Age = 58, Gender = Gender.Female };

        var items = catalog.Items;
        FeeLine MakeLine(int i) => new(items[(i * 37) % items.Count].Code, 1 + (i % 5), 3.5m + (i % 40), Math.Round((1 + (i % 5)) * (3.5m + (i % 40)), 2));
        _out20 = [.. Enumerable.Range(0, 19).Select(MakeLine), new FeeLine("NOT-IN-CATALOG", 1, 12m, 12m)];
        _in300 = [.. Enumerable.Range(0, 300).Select(i => i % 50 == 0 ? new FeeLine("001102000010000", 1, 30m, 30m) : MakeLine(i + 1000))];
        _outpatient = new Encounter { Id = "O", VisitType = VisitType.GeneralOutpatient, InstitutionLevel = InstitutionLevel.First, AdmissionDate = new DateOnly(2025, 11, 1), DischargeDate = new DateOnly(2025, 11, 1), Diagnoses = ["I10.x00"] };
        _inpatient = new Encounter { Id = "I", VisitType = VisitType.Inpatient, InstitutionLevel = InstitutionLevel.Second, AdmissionDate = new DateOnly(2025, 11, 1), DischargeDate = new DateOnly(2025, 11, 15), Diagnoses = ["C34.900"] };

        // A year's history: 10 earlier outpatient visits, 3 earlier admissions.
        _historyOut = [.. Enumerable.Range(1, 10).Select(m => (new Encounter { Id = "h" + m, VisitType = VisitType.GeneralOutpatient, InstitutionLevel = InstitutionLevel.First, AdmissionDate = new DateOnly(2025, m, 5), DischargeDate = new DateOnly(2025, m, 5), Diagnoses = ["I10.x00"] }, _out20))];
        _historyIn = [.. Enumerable.Range(1, 3).Select(m => (new Encounter { Id = "h" + m, VisitType = VisitType.Inpatient, InstitutionLevel = InstitutionLevel.Second, AdmissionDate = new DateOnly(2025, m * 3, 1), DischargeDate = new DateOnly(2025, m * 3, 12), Diagnoses = ["C34.900"] }, _in300))];
        _accOut = Replay(_employee, _historyOut);
        _accIn = Replay(_resident, _historyIn);
    }

    private decimal[] Replay(PersonSnapshot p, List<(Encounter Enc, FeeLine[] Lines)> history)
    {
        var acc = _calc.NewAccumulators();
        foreach (var (enc, lines) in history)
        {
            acc = _calc.Calculate(p, enc, lines, acc).Accumulators;
        }

        return acc;
    }

    [Benchmark(Baseline = true, Description = "naive 20-line outpatient (replay year history)")]
    [BenchmarkCategory("Outpatient20")]
    public decimal NaiveOutpatient20() => Naive(_employee, _outpatient, _out20, _historyOut);

    [Benchmark(Description = "engine 20-line outpatient")]
    [BenchmarkCategory("Outpatient20")]
    public decimal EngineOutpatient20()
    {
        _calc.Calculate(_employee, _outpatient, _out20, _accOut, _result);
        return _result.Setl.PsnCashPay;
    }

    [Benchmark(Baseline = true, Description = "naive 300-line inpatient (replay year history)")]
    [BenchmarkCategory("Inpatient300")]
    public decimal NaiveInpatient300() => Naive(_resident, _inpatient, _in300, _historyIn);

    [Benchmark(Description = "engine 300-line inpatient")]
    [BenchmarkCategory("Inpatient300")]
    public decimal EngineInpatient300()
    {
        _calc.Calculate(_resident, _inpatient, _in300, _accIn, _result);
        return _result.Setl.PsnCashPay;
    }

    /// <summary>The naive way: rebuild accumulators from the year's encounters each time, fresh objects everywhere, LINQ totals.</summary>
    private decimal Naive(PersonSnapshot p, Encounter enc, FeeLine[] lines, List<(Encounter Enc, FeeLine[] Lines)> history)
    {
        var acc = _calc.NewAccumulators();
        foreach (var (e, l) in history.Where(h => h.Enc.AdmissionDate.Year == enc.AdmissionDate.Year).OrderBy(h => h.Enc.AdmissionDate))
        {
            acc = _calc.Calculate(p, e, l.ToList().ToArray(), acc).Accumulators.ToArray();
        }

        var r = _calc.Calculate(p, enc, lines.ToList().ToArray(), acc);
        var check = r.Lines.ToArray().Sum(x => x.Amount);
        return check == r.Setl.MedfeeSumamt ? r.Setl.PsnCashPay : -1m;
    }
}
