using System.CommandLine;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary><c>oplat caches stats|clear|reload</c>: <c>/admin/api/caches</c>.</summary>
internal static class CachesCommand
{
    public static Command Create(ApiCommandRunner runner)
    {
        var caches = new Command("caches", "The object caches of every silo: counters, clear, reload");
        caches.Add(runner.Get("stats", "Each silo's caches: entries, capacity, hits, misses, hit ratio, evictions", "caches", CachesView.RenderStatistics));
        caches.Add(Operation(runner, "clear", "Drop a cache type's objects on every silo ('*': every cache)"));
        caches.Add(Operation(runner, "reload", "Load a cache type's objects again on every silo ('*': every cache)"));
        return caches;
    }

    private static Command Operation(ApiCommandRunner runner, string name, string description)
    {
        var type = Names.Required("type", "The cache type as 'caches stats' lists it, or '*' (quote it in the shell)");
        var command = new Command(name, description) { type };
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (api, ct) => api.PostAsync($"caches/{AdminApiClient.Segment(parse.GetRequiredValue(type))}/{name}", null, ct),
            CachesView.RenderOperation,
            cancellationToken));
        return command;
    }
}
