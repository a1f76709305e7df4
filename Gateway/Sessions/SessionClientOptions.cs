namespace OrleansPlatform.Gateway.Sessions;

/// <summary>How the Gateway calls sessions (section <c>Gateway</c>).</summary>
public sealed class SessionClientOptions
{
    /// <summary>The configuration section: <c>Gateway</c>.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// How long one attempt of a view, interaction or end may take before it is sent again. An Orleans client learns of
    /// a dead gateway silo only by its connection, not by the calls in flight through it (they would wait for the 30 s
    /// response timeout); the repeat goes through a live gateway and is safe because interactions are idempotent by
    /// seq. Default 3 s.
    /// </summary>
    public TimeSpan CallAttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The same for starting a session, which may wait in the admission's line (<c>Placement:WaitTimeout</c>). Default 15 s.</summary>
    public TimeSpan StartAttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a request keeps retrying before the Gateway answers 503. Default 25 s.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How long a call that failed because the cluster database could not be reached keeps being retried before the
    /// Gateway answers 503 (at most <see cref="RetryBudget"/>). A database restart is absorbed; a longer outage is
    /// answered quickly instead of holding requests open. Default 5 s.
    /// </summary>
    public TimeSpan DatabaseRetryBudget { get; set; } = TimeSpan.FromSeconds(5);
}
