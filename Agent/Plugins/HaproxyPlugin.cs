using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// <c>haproxy</c>: HAProxy (<c>Command</c>, default <c>haproxy</c>) in the foreground with the configuration file in
/// setting <c>ConfigFile</c>, serving <c>Url</c>. The configuration is checked with <c>haproxy -c</c> before each start,
/// so a bad file fails the start with HAProxy's own message instead of a crash loop. Healthy when
/// <c>{Url}/haproxy/health</c> (the configuration's <c>monitor-uri</c>, answered by HAProxy itself) answers 200; the
/// Gateways behind it are HAProxy's to check, and are resources of their own. HAProxy runs quiet (<c>-q</c>: no start,
/// stop or server up/down lines; the agent already reports each Gateway's death and restart) unless setting
/// <c>Verbose</c> is <c>true</c> (run.sh --verbose), when its own messages and the configuration's log lines show.
/// </summary>
internal sealed class HaproxyPlugin(ProcessLauncher launcher, HttpProbe probe) : IResourcePlugin
{
    public const string TypeName = "haproxy";

    /// <summary>The path HAProxy answers itself (the template's <c>monitor-uri</c>).</summary>
    public const string MonitorPath = "haproxy/health";

    public string Describe(ResourceSpec resource) => "HAProxy load balancer";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        if (resource.Setting("ConfigFile") is null)
        {
            yield return $"{resource.Key}:Settings:ConfigFile is missing; a haproxy resource runs HAProxy with that configuration file (run.sh renders deploy/haproxy/haproxy.cfg.template into data/haproxy.cfg).";
        }

        if (!HttpProbe.IsHttpUrl(resource.Url))
        {
            yield return $"{resource.Key}:Url '{resource.Url}' must be the balancer's absolute http(s) base URL, e.g. http://127.0.0.1:5080.";
        }
    }

    public async Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
    {
        var fileName = resource.Command ?? "haproxy";
        var config = resource.Setting("ConfigFile")!;
        var check = await ToolRunner.RunAsync(fileName, ["-c", "-q", "-f", config], asUser: null, cancellationToken);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"haproxy -c -f {config} refused the configuration: {check.LastLine}");
        }

        // -W: master-worker, so SIGTERM from the agent stops the workers gracefully; -db: stay in the foreground.
        var quiet = !string.Equals(resource.Setting("Verbose"), "true", StringComparison.OrdinalIgnoreCase);
        string[] args = ["-W", "-db", .. quiet ? new[] { "-q" } : [], "-f", config, .. resource.Args];
        var process = await launcher.StartAsync(resource, context, fileName, args, cancellationToken);
        var health = new Uri(new Uri(resource.Url!.TrimEnd('/') + "/"), MonitorPath);
        return new HaproxyResource(process, ProcessLauncher.Facts(resource, fileName, args).Add("url", resource.Url!).Add("config", config), probe, health);
    }

    private sealed class HaproxyResource(Processes.ChildProcess process, System.Collections.Immutable.ImmutableDictionary<string, string> facts, HttpProbe probe, Uri health)
        : ProcessResource(process, facts)
    {
        public override async Task<HealthReport> MonitorAsync(CancellationToken cancellationToken)
        {
            var answer = await probe.GetAsync(health, cancellationToken);
            return answer.Status switch
            {
                200 => HealthReport.Healthy,
                null => HealthReport.Failed(answer.Error ?? "no answer"),
                _ => HealthReport.Failed($"/{MonitorPath} answers {answer.Status}"),
            };
        }
    }
}
