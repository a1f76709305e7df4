namespace OrleansPlatform.Agent.Configuration;

/// <summary>How resources are watched and restarted (section <c>Agent:Supervision</c>).</summary>
public sealed class SupervisionOptions
{
    /// <summary>The configuration section: <c>Agent:Supervision</c>.</summary>
    public const string SectionName = "Agent:Supervision";

    /// <summary>How often each resource's monitor runs. Default 1 s.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest one monitor call may take; a slower one counts as failed. Default 5 s.</summary>
    public TimeSpan MonitorTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many monitor calls in a row must say failed before a running resource that was healthy is restarted: one bad
    /// look (a slow moment under load) is not a failure. A process that exits is restarted at once. Default 3.
    /// </summary>
    public int FailedChecksToRestart { get; set; } = 3;

    /// <summary>
    /// How long a started resource may take to become healthy. Until then a failed monitor means "still starting";
    /// after it, the start counts as a failure. Default 60 s.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a graceful stop may take before the process is killed. Default 30 s.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause before the first restart after a failure; each further failure doubles it. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between restarts. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A resource that ran at least this long before failing starts again after <see cref="InitialBackoff"/>. Default 30 s.</summary>
    public TimeSpan BackoffResetAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// This many failures within <see cref="CrashLoopWindow"/> is a crash loop: the resource is marked <c>failed</c> and
    /// not restarted until an operator starts it again. Default 5.
    /// </summary>
    public int CrashLoopFailures { get; set; } = 5;

    /// <summary>The window of <see cref="CrashLoopFailures"/>. Default 2 minutes.</summary>
    public TimeSpan CrashLoopWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a child process survives a silent agent (dead, or frozen by SIGSTOP) before its leash stops it. Shorter
    /// than <see cref="FailoverOptions.LeaseDuration"/>, so that a frozen node's failover group is down before another
    /// node may take it. Default 3 s.
    /// </summary>
    public TimeSpan WatchdogTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the agent feeds its children's leashes. Default 250 ms.</summary>
    public TimeSpan WatchdogFeedInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
