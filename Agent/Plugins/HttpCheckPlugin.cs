using System.Collections.Immutable;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// <c>http-check</c>: a URL (<c>Url</c>) that must answer 2xx. It runs nothing; as a group member it holds the resources
/// after it back until the URL answers, and shows when it stops answering.
/// </summary>
internal sealed class HttpCheckPlugin(HttpProbe probe) : IResourcePlugin
{
    public const string TypeName = "http-check";

    public string Describe(ResourceSpec resource) => "HTTP check";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        if (!HttpProbe.IsHttpUrl(resource.Url))
        {
            yield return $"{resource.Key}:Url '{resource.Url}' must be an absolute http(s) URL.";
        }
    }

    public Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IRunningResource>(new Check(probe, new Uri(resource.Url!)));

    private sealed class Check(HttpProbe probe, Uri url) : IRunningResource
    {
        private readonly TaskCompletionSource<int> never = new();

        public int? ProcessId => null;

        public Task<int> Exited => never.Task;

        public async Task<HealthReport> MonitorAsync(CancellationToken cancellationToken)
        {
            var answer = await probe.GetAsync(url, cancellationToken);
            return answer.Status switch
            {
                >= 200 and < 300 => HealthReport.Healthy,
                null => HealthReport.Failed(answer.Error ?? "no answer"),
                _ => HealthReport.Failed($"answers {answer.Status}"),
            };
        }

        public IReadOnlyDictionary<string, string> Describe() => ImmutableDictionary<string, string>.Empty.Add("url", url.ToString());

        public Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Kill()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
