using System.Collections.Immutable;
using System.Globalization;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// A resource that is one child process on a leash: the base of the <c>process</c>, <c>silo</c> and <c>gateway</c>
/// plugins, which differ in how they look at it (<see cref="MonitorAsync"/>).
/// </summary>
internal class ProcessResource(ChildProcess process, ImmutableDictionary<string, string> facts) : IRunningResource
{
    public int? ProcessId => process.Pid;

    public Task<int> Exited => process.Exited;

    public virtual string CleanExitMeaning => "exit code 0";

    /// <summary>Healthy while the process runs (its exit is reported through <see cref="Exited"/>).</summary>
    public virtual Task<HealthReport> MonitorAsync(CancellationToken cancellationToken) =>
        Task.FromResult(process.Exited.IsCompleted ? HealthReport.Failed("exited") : HealthReport.Healthy);

    public virtual IReadOnlyDictionary<string, string> Describe() => facts.SetItem("pid", process.Pid.ToString(CultureInfo.InvariantCulture));

    public virtual Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken) => process.StopAsync(timeout, cancellationToken);

    public virtual void Kill() => process.Kill();

    public virtual ValueTask DisposeAsync() => process.DisposeAsync();
}
