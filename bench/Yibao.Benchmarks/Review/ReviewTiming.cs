using System.Diagnostics;
using System.Globalization;
using Yibao.Domain.Review;

namespace Yibao.Benchmarks.Review;

/// <summary>
/// A plain timing run (no BenchmarkDotNet) for large years:
/// dotnet run -c Release --project bench/Yibao.Benchmarks -- review-timing 20000000 [rounds]
/// Prints generation time, then each round's evaluation time, lines/second and the number of flags by rule type.
/// </summary>
public static class ReviewTiming
{
    /// <summary>
    /// dotnet run -c Release --project bench/Yibao.Benchmarks -- review-inline-timing [checks]: the 事中 check of
    /// <see cref="InlineReviewBenchmarks"/> repeated, wall-clock and process CPU time per check.
    /// </summary>
    public static int RunInline(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var inv = CultureInfo.InvariantCulture;
        var n = args.Length > 1 ? int.Parse(args[1], inv) : 5000;
        var b = new InlineReviewBenchmarks();
        b.Setup();
        var flags = 0;
        for (var i = 0; i < 500; i++)
        {
            flags = b.Check();
        }

        for (var round = 1; round <= 3; round++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                flags = b.Check();
            }

            sw.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
            Console.WriteLine(string.Create(inv,
                $"第 {round} 轮：{n} 次事中审核（300 条 + 历史 240 条，疑点 {flags} 个）：墙钟每次 {sw.Elapsed.TotalMilliseconds * 1000 / n:0} 微秒，CPU 每次 {cpu * 1000 / n:0} 微秒"));
        }

        return 0;
    }

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var inv = CultureInfo.InvariantCulture;
        var lines = args.Length > 1 ? int.Parse(args[1], inv) : 5_000_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], inv) : 3;
        var sw = Stopwatch.StartNew();
        var items = new CodeTable();
        var batch = ReviewYearGenerator.Generate(lines, items);
        var engine = new ReviewEngine(ReviewYearGenerator.SampleRules().Rules, items);
        Console.WriteLine(string.Create(inv, $"生成 {batch.LineCount:N0} 条明细、{batch.EncounterCount:N0} 次就诊、{batch.PersonCount:N0} 人：{sw.Elapsed.TotalSeconds:0.00} 秒；规则 {engine.Rules.Count} 条"));
        List<ReviewFlag> flags = [];
        for (var r = 0; r < rounds; r++)
        {
            var before = GC.GetTotalAllocatedBytes(true);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            sw.Restart();
            flags = engine.Evaluate(batch);
            sw.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var mb = (GC.GetTotalAllocatedBytes(true) - before) / 1048576.0;
            Console.WriteLine(string.Create(inv,
                $"第 {r + 1} 轮：墙钟 {sw.Elapsed.TotalMilliseconds:0} 毫秒（{batch.LineCount / sw.Elapsed.TotalSeconds / 1e6:0.00} 百万条/秒），CPU {cpu * 1000:0} 毫秒（{batch.LineCount / cpu / 1e6:0.00} 百万条/秒/核，单线程），疑点 {flags.Count:N0} 个，分配 {mb:0} MB"));
        }

        foreach (var g in flags.GroupBy(f => f.Type).OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(inv, $"  {g.Key.ChineseName()}：{g.Count():N0} 个，{g.Sum(f => f.Amount):N2} 元"));
        }

        return 0;
    }
}
