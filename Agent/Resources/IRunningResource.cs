namespace OrleansPlatform.Agent.Resources;

/// <summary>One started resource, as its plugin runs it.</summary>
public interface IRunningResource : IAsyncDisposable
{
    /// <summary>The operating-system process that is the resource, if it is one (shown, and named in log lines).</summary>
    int? ProcessId { get; }

    /// <summary>
    /// Completes with the exit code when the resource ends by itself (its process exited); never completes for a resource
    /// without a process of its own. Exit code 0 is a clean stop (a drained silo): the supervisor leaves it down.
    /// </summary>
    Task<int> Exited { get; }

    /// <summary>What an exit with code 0 means for this resource, for the log line: e.g. "drained" for a silo.</summary>
    string CleanExitMeaning => "exit code 0";

    /// <summary>Looks at the resource now. Should answer within a second or two; the supervisor bounds it anyway.</summary>
    Task<HealthReport> MonitorAsync(CancellationToken cancellationToken);

    /// <summary>Facts to show beside the state (port, URL, data directory, ...); no secrets.</summary>
    IReadOnlyDictionary<string, string> Describe();

    /// <summary>Stops the resource gracefully, and forcibly once <paramref name="timeout"/> has passed.</summary>
    Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Stops the resource at once (kill -9 for a process): the group moved away, or the agent lost its lock.</summary>
    void Kill();
}
