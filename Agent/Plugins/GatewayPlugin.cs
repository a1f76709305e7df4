using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// <c>gateway</c>: a Gateway process (<c>Command</c>, default <c>dotnet</c>; <c>Args</c> starting with the Gateway
/// program; <c>Env</c>) serving <c>Url</c>. Healthy when <c>{Url}/health</c> answers 200; degraded on 503 (the Gateway
/// runs, its cluster cannot answer: restarting the Gateway would not help); failed when it does not answer at all.
/// </summary>
internal sealed class GatewayPlugin(ProcessLauncher launcher, HttpProbe probe) : IResourcePlugin
{
    public const string TypeName = "gateway";

    public string Describe(ResourceSpec resource) => "Gateway process";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        if (resource.Command is null && resource.Args.IsEmpty)
        {
            yield return $"{resource.Key}:Args is missing; a gateway resource runs the Gateway program (e.g. [\"Gateway/bin/Release/net10.0/OrleansPlatform.Gateway.dll\"]) with dotnet, or set {resource.Key}:Command.";
        }

        if (!HttpProbe.IsHttpUrl(resource.Url))
        {
            yield return $"{resource.Key}:Url '{resource.Url}' must be the Gateway's absolute http(s) base URL, e.g. http://127.0.0.1:5080.";
        }
    }

    public async Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
    {
        var fileName = resource.Command ?? "dotnet";
        var process = await launcher.StartAsync(resource, context, fileName, resource.Args, cancellationToken);
        var health = new Uri(new Uri(resource.Url!.TrimEnd('/') + "/"), "health");
        return new GatewayResource(process, ProcessLauncher.Facts(resource, fileName, resource.Args).Add("url", resource.Url!), probe, health);
    }

    private sealed class GatewayResource(Processes.ChildProcess process, System.Collections.Immutable.ImmutableDictionary<string, string> facts, HttpProbe probe, Uri health)
        : ProcessResource(process, facts)
    {
        public override async Task<HealthReport> MonitorAsync(CancellationToken cancellationToken)
        {
            var answer = await probe.GetAsync(health, cancellationToken);
            return answer.Status switch
            {
                200 => HealthReport.Healthy,
                503 => HealthReport.Degraded("/health answers 503: the cluster cannot answer"),
                // Slow is not dead: /health makes a grain call, which waits while the cluster replaces a dead silo.
                null when answer.Error == HttpProbe.NoAnswerInTime => HealthReport.Degraded("/health did not answer in time"),
                null => HealthReport.Failed(answer.Error ?? "no answer"),
                _ => HealthReport.Failed($"/health answers {answer.Status}"),
            };
        }
    }
}
