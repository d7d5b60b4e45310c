using CsCheck;
using Yibao.Domain.Performance;

namespace Yibao.Domain.Tests.Performance;

public sealed class PerformanceScoringTests
{
    private static IndicatorTarget T(string op, string value) => IndicatorTarget.Parse(op, value);

    [Theory]
    [InlineData("≥", "95", "96", true, 10)]
    [InlineData("≥", "95", "95", true, 10)]
    [InlineData("≥", "95", "90", false, 9.47)] // 10 × 90/95
    [InlineData(">", "95", "95", false, 10)] // strict: equal is not met; the ratio is 1
    [InlineData("≤", "30", "25", true, 10)]
    [InlineData("≤", "30", "40", false, 7.5)] // 10 × 30/40
    [InlineData("<", "30", "30", false, 10)]
    [InlineData("=", "350", "352", true, 10)] // within 1%
    [InlineData("=", "350", "315", false, 9)] // 10 × (1 − 35/350)
    [InlineData("=", "0", "0", true, 10)]
    [InlineData("=", "0", "1", false, 0)]
    [InlineData("≥", "95%", "0", false, 0)]
    [InlineData("≥", "0", "-1", false, 0)]
    public void Worked_examples(string op, string target, string actual, bool met, decimal score)
    {
        var s = PerformanceScoring.Score(T(op, target), 10m, decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture));
        s.Met.ShouldBe(met);
        s.Score.ShouldBe(score);
        s.HasActual.ShouldBeTrue();
    }

    [Fact]
    public void No_actual_scores_zero_and_qualitative_indicators_follow_the_judgement()
    {
        PerformanceScoring.Score(T("≥", "95"), 10m, null).ShouldBe(new IndicatorScore(false, 0m, false));
        var q = T("", "明显提高");
        q.Operator.ShouldBe(TargetOperator.Qualitative);
        PerformanceScoring.Score(q, 10m, null, true).ShouldBe(new IndicatorScore(true, 10m, true));
        PerformanceScoring.Score(q, 10m, null, false).ShouldBe(new IndicatorScore(false, 0m, true));
        PerformanceScoring.Score(q, 10m, null).ShouldBe(new IndicatorScore(false, 0m, false));
        T("≥", "及时").Operator.ShouldBe(TargetOperator.Qualitative);
        T("≥", "1,200").Value.ShouldBe(1200m);
        T(">=", "≥95%").ShouldBe(new IndicatorTarget(TargetOperator.AtLeast, 95m));
    }

    [Fact]
    public void Total_is_normalised_to_100_and_graded()
    {
        // weights 30/30/20/20 (sum 100): 22.5 + 30 + 10 + 20 = 82.5 → 良
        var total = PerformanceScoring.Total([(30m, 22.5m), (30m, 30m), (20m, 10m), (20m, 20m)]);
        total.ShouldBe(82.5m);
        PerformanceScoring.Grade(total).ShouldBe(EvaluationGrade.Good);
        // weights sum 50: 40/50 → 80 → 良; 45/50 → 90 → 优
        PerformanceScoring.Total([(25m, 20m), (25m, 20m)]).ShouldBe(80m);
        PerformanceScoring.Grade(90m).Chinese().ShouldBe("优");
        PerformanceScoring.Grade(89.99m).Chinese().ShouldBe("良");
        PerformanceScoring.Grade(60m).Chinese().ShouldBe("中");
        PerformanceScoring.Grade(59.99m).Chinese().ShouldBe("差");
        PerformanceScoring.Total([]).ShouldBe(0m);
        PerformanceScoring.EffectiveWeights([null, null]).ShouldBe([1m, 1m]);
        PerformanceScoring.EffectiveWeights([20m, null, -5m]).ShouldBe([20m, 0m, 0m]);
    }

    private static readonly Gen<string> Operators = Gen.Int[0, 4].Select(i => new[] { "≥", "≤", "=", ">", "<" }[i]);
    private static readonly Gen<decimal> Amounts = Gen.Int[-1000, 100000].Select(i => i / 100m);
    private static readonly Gen<decimal> Weights = Gen.Int[0, 5000].Select(i => i / 100m);

    [Fact]
    public void Score_is_within_zero_and_the_weight()
    {
        Gen.Select(Operators, Amounts, Weights, Amounts).Sample((op, target, weight, actual) =>
        {
            var t = new IndicatorTarget(IndicatorTarget.Parse(op, "1").Operator, target);
            var s = PerformanceScoring.Score(t, weight, actual);
            return s.Score >= 0 && s.Score <= weight && (!s.Met || s.Score == weight);
        });
    }

    [Fact]
    public void Score_is_monotone_in_the_actual_for_at_least_indicators()
    {
        Gen.Select(Amounts, Weights, Amounts, Gen.Int[0, 100000]).Sample((target, weight, actual, step) =>
        {
            var t = new IndicatorTarget(TargetOperator.AtLeast, target);
            return PerformanceScoring.Score(t, weight, actual + (step / 100m)).Score >= PerformanceScoring.Score(t, weight, actual).Score;
        });
    }

    [Fact]
    public void Score_is_antitone_in_the_actual_for_at_most_indicators()
    {
        Gen.Select(Amounts, Weights, Amounts, Gen.Int[0, 100000]).Sample((target, weight, actual, step) =>
        {
            var t = new IndicatorTarget(TargetOperator.AtMost, target);
            return PerformanceScoring.Score(t, weight, actual + (step / 100m)).Score <= PerformanceScoring.Score(t, weight, actual).Score;
        });
    }

    [Fact]
    public void Total_never_exceeds_100()
    {
        Gen.Select(Operators, Amounts, Weights, Amounts).List[0, 12].Sample(items =>
        {
            var scored = items.Select(x => (x.Item3, PerformanceScoring.Score(new IndicatorTarget(IndicatorTarget.Parse(x.Item1, "1").Operator, x.Item2), x.Item3, x.Item4).Score)).ToList();
            var total = PerformanceScoring.Total(scored);
            return total >= 0 && total <= 100 && (scored.Sum(s => s.Item1) == 0 || scored.Any(s => s.Item2 < s.Item1) || total == 100);
        });
    }
}

public sealed class MetricCatalogTests
{
    [Fact]
    public void Catalog_ids_are_unique_and_every_metric_is_documented()
    {
        MetricCatalog.All.Select(m => m.Id).Concat(MetricCatalog.Unavailable.Select(u => u.Id)).ShouldBeUnique();
        MetricCatalog.All.ShouldAllBe(m => m.Name.Length > 0 && m.Unit.Length > 0 && m.HowComputed.Length > 0);
        MetricCatalog.Find(MetricCatalog.AssistanceCount)!.Name.ShouldBe("医疗救助人次");
        MetricCatalog.Find("timely-payment").ShouldBeNull();
        var doc = Path.Combine(FindRepo(), "docs", "performance.md");
        var text = File.ReadAllText(doc);
        foreach (var m in MetricCatalog.All)
        {
            text.ShouldContain("`" + m.Id + "`");
        }
    }

    [Fact]
    public void Rates_periods_and_unit_conversion()
    {
        MetricMath.Rate(3, 4).ShouldBe(75m);
        MetricMath.Rate(2, 3).ShouldBe(66.67m);
        MetricMath.Rate(1, null).ShouldBeNull();
        MetricMath.Rate(1, 0).ShouldBeNull();
        MetricMath.Convert(385000m, "人", "万人").ShouldBe(38.5m);
        MetricMath.Convert(12345678m, "元", "万元").ShouldBe(1234.5678m);
        MetricMath.Convert(7m, "家", "个").ShouldBe(7m);
        MetricMath.Convert(7m, "人", null).ShouldBe(7m);
        MetricMath.Convert(96m, "%", "%").ShouldBe(96m);
        MetricMath.Convert(7m, "人", "%").ShouldBeNull();
        MetricPeriod.For(2026, new DateOnly(2027, 3, 1)).ShouldBe(new MetricPeriod(2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        MetricPeriod.For(2026, new DateOnly(2026, 6, 30)).End.ShouldBe(new DateOnly(2026, 6, 30));
        MetricPeriod.For(2026, new DateOnly(2025, 6, 30)).End.ShouldBe(new DateOnly(2026, 1, 1));
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }
        return dir!.FullName;
    }
}
