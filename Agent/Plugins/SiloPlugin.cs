using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// <c>silo</c>: a silo process (<c>Command</c>, default <c>dotnet</c>; <c>Args</c> starting with the silo program,
/// e.g. <c>Silo/bin/Release/net10.0/OrleansPlatform.Silo.dll</c>; <c>Env</c>). The silo is named after the resource
/// (<c>--silo-name</c>, unless the arguments name it). Healthy when its Orleans membership status is Active; a silo the
/// cluster declared dead has failed. A silo that exits with code 0 was drained and stays down.
/// </summary>
internal sealed class SiloPlugin(ProcessLauncher launcher, SiloMembershipProbe probe) : IResourcePlugin
{
    public const string TypeName = "silo";

    private const string SiloNameSwitch = "--silo-name";

    public string Describe(ResourceSpec resource) => "silo process";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        if (resource.Command is null && resource.Args.IsEmpty)
        {
            yield return $"{resource.Key}:Args is missing; a silo resource runs the silo program (e.g. [\"Silo/bin/Release/net10.0/OrleansPlatform.Silo.dll\"]) with dotnet, or set {resource.Key}:Command.";
        }
    }

    public async Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
    {
        var fileName = resource.Command ?? "dotnet";
        var args = resource.Args.Contains(SiloNameSwitch) ? resource.Args : resource.Args.AddRange(SiloNameSwitch, resource.Id);
        var process = await launcher.StartAsync(resource, context, fileName, args, cancellationToken);
        return new SiloResource(process, ProcessLauncher.Facts(resource, fileName, args), probe);
    }

    private sealed class SiloResource(Processes.ChildProcess process, System.Collections.Immutable.ImmutableDictionary<string, string> facts, SiloMembershipProbe probe)
        : ProcessResource(process, facts)
    {
        public override string CleanExitMeaning => "drained";

        public override Task<HealthReport> MonitorAsync(CancellationToken cancellationToken) => probe.ProbeAsync(ProcessId!.Value, cancellationToken);
    }
}
