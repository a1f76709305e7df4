using System.Collections.Immutable;
using System.Globalization;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// <c>silo</c>: a silo process (<c>Command</c>, default <c>dotnet</c>; <c>Args</c> starting with the silo program,
/// e.g. <c>Silo/bin/Release/net10.0/OrleansPlatform.Silo.dll</c>; <c>Env</c>). The silo is named after the resource
/// (<c>--silo-name</c>, unless the arguments name it). Healthy when its Orleans membership status is Active; a silo the
/// cluster declared dead has failed. A silo that exits with code 0 was drained and stays down. With the setting
/// <c>WarmStandby</c> <c>true</c>, the agent keeps one more process of the silo waiting just before it would join the
/// cluster, and starts the silo again from it (see <see cref="SiloStandbys"/>): the cost is that idle process's memory.
/// </summary>
internal sealed class SiloPlugin(ProcessLauncher launcher, SiloMembershipProbe probe, SiloStandbys standbys) : IResourcePlugin
{
    public const string TypeName = "silo";

    /// <summary>The setting that asks for a warm standby: <c>true</c> or <c>false</c> (default).</summary>
    public const string WarmStandbySetting = "WarmStandby";

    private const string SiloNameSwitch = "--silo-name";

    public string Describe(ResourceSpec resource) => "silo process";

    public IEnumerable<string> Validate(ResourceSpec resource)
    {
        if (resource.Command is null && resource.Args.IsEmpty)
        {
            yield return $"{resource.Key}:Args is missing; a silo resource runs the silo program (e.g. [\"Silo/bin/Release/net10.0/OrleansPlatform.Silo.dll\"]) with dotnet, or set {resource.Key}:Command.";
        }

        if (resource.Setting(WarmStandbySetting) is { } standby && !bool.TryParse(standby, out _))
        {
            yield return $"{resource.Key}:Settings:{WarmStandbySetting} must be true or false (was '{standby}').";
        }
    }

    public async Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fileName = resource.Command ?? "dotnet";
        var args = resource.Args.Contains(SiloNameSwitch) ? resource.Args : resource.Args.AddRange(SiloNameSwitch, resource.Id);
        var facts = ProcessLauncher.Facts(resource, fileName, args);
        if (!bool.TryParse(resource.Setting(WarmStandbySetting), out var warm) || !warm)
        {
            return new SiloResource(await launcher.StartAsync(resource, context, fileName, args, cancellationToken), facts, probe, standby: null);
        }

        var keeper = new StandbyKeeper(standbys, resource, context, fileName, args);
        if (standbys.TryTake(resource, context) is { } standby)
        {
            standbys.Release(resource.Id, standby);
            return new SiloResource(standby.Process, facts.Add("started from", "warm standby"), probe, keeper, standby.GatePath);
        }

        return new SiloResource(await launcher.StartAsync(resource, context, fileName, args, cancellationToken), facts, probe, keeper);
    }

    // What a silo with a warm standby needs to keep one ready and to let it go with the silo.
    private sealed record StandbyKeeper(SiloStandbys Standbys, ResourceSpec Resource, ResourceStartContext Context, string FileName, ImmutableArray<string> Args);

    private sealed class SiloResource : ProcessResource
    {
        private readonly SiloMembershipProbe probe;
        private readonly StandbyKeeper? standby;

        private readonly string? releasedGate;

        public SiloResource(ChildProcess process, ImmutableDictionary<string, string> facts, SiloMembershipProbe probe, StandbyKeeper? standby, string? releasedGate = null)
            : base(process, facts)
        {
            this.probe = probe;
            this.standby = standby;
            this.releasedGate = releasedGate;
            if (standby is not null)
            {
                // A drained silo stays down, and so does its standby.
                _ = process.Exited.ContinueWith(
                    exited => exited.Result == 0 ? standby.Standbys.DiscardAsync(standby.Resource.Id) : Task.CompletedTask,
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion,
                    TaskScheduler.Default);
            }
        }

        public override string CleanExitMeaning => "drained";

        public override async Task<HealthReport> MonitorAsync(CancellationToken cancellationToken)
        {
            var report = await probe.ProbeAsync(ProcessId!.Value, cancellationToken);
            if (report.Health == ResourceHealth.Healthy && standby is not null)
            {
                // Only once the silo is Active: a standby starting beside a starting silo would slow it down.
                standby.Standbys.Ensure(standby.Resource, standby.Context, standby.FileName, standby.Args);
            }

            return report;
        }

        public override IReadOnlyDictionary<string, string> Describe()
        {
            var facts = base.Describe();
            return standby?.Standbys.ReadyPid(standby.Resource.Id) is { } pid
                ? facts.ToImmutableDictionary().SetItem("standby pid", pid.ToString(CultureInfo.InvariantCulture))
                : facts;
        }

        public override async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (standby is not null)
            {
                await standby.Standbys.DiscardAsync(standby.Resource.Id);
            }

            await base.StopAsync(timeout, cancellationToken);
        }

        public override void Kill()
        {
            if (standby is not null)
            {
                _ = standby.Standbys.DiscardAsync(standby.Resource.Id);
            }

            base.Kill();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (releasedGate is not null)
            {
                File.Delete(releasedGate);
            }
        }
    }
}
