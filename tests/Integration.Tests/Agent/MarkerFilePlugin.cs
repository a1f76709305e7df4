using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Integration.Tests.Agent;

/// <summary>
/// A resource type the agent does not ship: a marker file (<c>Settings:Path</c>) that exists while the resource runs.
/// The agent finds it through <c>Agent:PluginAssemblies</c> naming this test assembly, with no change to the agent.
/// </summary>
[ResourcePlugin(TypeName)]
public sealed class MarkerFilePlugin : IResourcePlugin
{
    public const string TypeName = "test-marker-file";

    public string Describe(ResourceSpec resource) => "marker file (test plugin)";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!resource.Settings.ContainsKey("Path"))
        {
            yield return $"{resource.Key}:Settings:Path is missing";
        }
    }

    public async Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(context);
        var path = resource.Settings["Path"];
        await File.WriteAllTextAsync(path, context.NodeId, cancellationToken);
        return new Marker(path);
    }

    private sealed class Marker(string path) : IRunningResource
    {
        private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int? ProcessId => null;

        public Task<int> Exited => _exited.Task;

        public Task<HealthReport> MonitorAsync(CancellationToken cancellationToken) =>
            Task.FromResult(File.Exists(path) ? HealthReport.Healthy : HealthReport.Failed("the marker file is gone"));

        public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string> { ["path"] = path };

        public Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            File.Delete(path);
            return Task.CompletedTask;
        }

        public void Kill() => File.Delete(path);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
