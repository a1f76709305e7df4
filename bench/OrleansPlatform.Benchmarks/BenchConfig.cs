using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansPlatform.Benchmarks;

/// <summary>
/// One short, in-process job for every benchmark: this machine has 2 shared cores, and BenchmarkDotNet 0.14 does not
/// know the net10.0 moniker, so no separate benchmark project is generated. Few warmups and iterations: the figures are
/// indicative (see the README), not publication grade.
/// </summary>
internal static class BenchConfig
{
    public static IConfig Create()
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("ShortInProcess");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(
                TargetMethodColumn.Method,
                CategoriesColumn.Default,
                StatisticColumn.Mean,
                StatisticColumn.Median,
                StatisticColumn.P95,
                StatisticColumn.OperationsPerSecond,
                BaselineRatioColumn.RatioMean)
            .AddColumnProvider(DefaultColumnProviders.Params, DefaultColumnProviders.Metrics)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
