using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;

namespace Yibao.Benchmarks.Review;

/// <summary>
/// 事后: every rule of samples/review/shifanxian-rules.json (all statuses, 26 rules, 21 types) over a synthetic year
/// held in memory. Baseline: one pass reading every line column once (the memory-bandwidth floor the engine is compared with).
/// Run: dotnet run -c Release --project bench/Yibao.Benchmarks -- --filter '*ReviewYearBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class ReviewYearBenchmarks
{
    private ReviewBatch _batch = null!;
    private ReviewEngine _engine = null!;

    [Params(2_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var items = new CodeTable();
        _batch = ReviewYearGenerator.Generate(Lines, items);
        _engine = new ReviewEngine(ReviewYearGenerator.SampleRules().Rules, items);
    }

    [Benchmark(Baseline = true, Description = "scan every line column once (floor)")]
    public long Scan() => ReviewScan.Sum(_batch);

    [Benchmark(Description = "all sample rules over the year")]
    public int AllRules() => _engine.Evaluate(_batch).Count;
}

/// <summary>
/// 事中: one 300-line 住院 encounter with a year's history (12 outpatient visits of 20 lines) against the enabled 事中 rules.
/// Baseline: the same check with an empty rule set (building the batch and indexing only).
/// Run: dotnet run -c Release --project bench/Yibao.Benchmarks -- --filter '*InlineReviewBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class InlineReviewBenchmarks
{
    private InlineReviewer _reviewer = null!;
    private InlineReviewer _empty = null!;
    private ReviewPerson _person = null!;
    private ReviewEncounter _current = null!;
    private ReviewEncounter[] _history = [];

    [GlobalSetup]
    public void Setup()
    {
        _reviewer = new InlineReviewer(ReviewYearGenerator.SampleRules());
        _empty = new InlineReviewer(new ReviewRuleSet { Id = "empty", Name = "空" });
        _person = new ReviewPerson(Gender.Male, new DateOnly(1958, 4, 2), null, [(new DateOnly(2020, 1, 1), new DateOnly(2099, 12, 31))]);
        var catalog = DemoCatalogGenerator.Generate();
        var rules = ReviewYearGenerator.SampleRules().Rules.SelectMany(r => r.Parameters.Items).Distinct().ToArray();
        var adm = new DateOnly(2025, 11, 1);
        FeeLine Line(int i, DateOnly day)
        {
            var code = i % 10 == 0 ? rules[i / 10 % rules.Length] : catalog[(i * 37) % catalog.Count].Code;
            var price = 3.5m + (i % 40);
            return new FeeLine(code, 1 + (i % 3), price, (1 + (i % 3)) * price, day);
        }

        _current = new ReviewEncounter
        {
            InstitutionId = 3, InstitutionLevel = InstitutionLevel.Second, VisitType = VisitType.Inpatient, Insutype = "390",
            AdmissionDate = adm, DischargeDate = adm.AddDays(15), Diagnoses = ["C34.900"],
            Lines = [.. Enumerable.Range(0, 300).Select(i => i % 20 == 0 ? new FeeLine("001102000010000", 1, 30m, 30m, adm.AddDays(i / 20)) : Line(i, adm.AddDays(i % 15)))],
        };
        _history = [.. Enumerable.Range(1, 12).Select(m =>
        {
            var day = new DateOnly(2024, 11, 10).AddMonths(m - 1);
            return new ReviewEncounter
            {
                InstitutionId = 10 + m, VisitType = VisitType.GeneralOutpatient, Insutype = "390", AdmissionDate = day, Diagnoses = ["I10.x00"],
                Lines = [.. Enumerable.Range(0, 20).Select(i => Line(1000 + i + m, day))],
            };
        })];
    }

    [Benchmark(Baseline = true, Description = "事中 check, no rules (batch + index only)")]
    public int NoRules() => _empty.Check(_person, _current, _history).Flags.Count;

    [Benchmark(Description = "事中 check, 300 lines + 240 history lines")]
    public int Check() => _reviewer.Check(_person, _current, _history).Flags.Count;
}

/// <summary>The floor: read the line columns once.</summary>
internal static class ReviewScan
{
    public static long Sum(ReviewBatch b)
    {
        long s = 0;
        for (var i = 0; i < b.LineCount; i++)
        {
            s += b.LineAmountFen(i) + b.LineItemId(i) + b.LineDayNumber(i) + b.LineEncounterOf(i);
        }

        return s;
    }
}
