using BenchmarkDotNet.Running;
using Yibao.Benchmarks.Registry;

if (args is ["review-inline-timing", ..])
{
    return Yibao.Benchmarks.Review.ReviewTiming.RunInline(args);
}

if (args is ["review-pg-timing", ..])
{
    return await Yibao.Benchmarks.Review.ReviewPgTiming.RunAsync(args);
}

if (args is ["review-timing", ..])
{
    return Yibao.Benchmarks.Review.ReviewTiming.Run(args);
}

if (args is ["contribution-plans", ..])
{
    return await Yibao.Benchmarks.Contributions.CollectionPlanRun.RunAsync(args);
}

if (args is ["person-import-file", ..])
{
    return await PersonImportFileGenerator.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
