using BenchmarkDotNet.Running;

namespace OrleansPlatform.Benchmarks;

/// <summary>Runs the benchmarks picked by the command line, e.g. <c>--filter '*LocalGrainCall*'</c>; see bench/README.md.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create());
        var failed = false;
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            {
                failed = true;
            }
        }

        return failed ? 1 : 0;
    }
}
