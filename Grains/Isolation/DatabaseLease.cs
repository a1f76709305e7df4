using Microsoft.Extensions.Options;

namespace OrleansPlatform.Grains.Isolation;

/// <summary>
/// The isolation state machine: the lease is renewed by every successful database check and lost when a check fails
/// with none succeeded for <see cref="IsolationOptions.IsolationTimeout"/>. Only a failed check can isolate the silo:
/// a probe loop that was merely starved of CPU (it ran late, then succeeded) does not. Thread-safe.
/// </summary>
internal sealed class DatabaseLease(TimeProvider time, IOptions<IsolationOptions> options)
{
    private readonly Lock gate = new();

    // The silo reached the database to start (migrations, membership), so it starts with a lease.
    private long lastSuccess = time.GetTimestamp();
    private volatile bool isolated;

    /// <summary>True while the silo cannot reach the cluster database.</summary>
    public bool IsIsolated => isolated;

    /// <summary>Time since the last successful check.</summary>
    public TimeSpan SinceLastSuccess => time.GetElapsedTime(Interlocked.Read(ref lastSuccess));

    /// <summary>A check succeeded.</summary>
    public LeaseTransition Succeeded()
    {
        lock (gate)
        {
            Interlocked.Exchange(ref lastSuccess, time.GetTimestamp());
            if (!isolated)
            {
                return LeaseTransition.None;
            }

            isolated = false;
            return LeaseTransition.Regained;
        }
    }

    /// <summary>A check failed or did not answer in time.</summary>
    public LeaseTransition Failed()
    {
        lock (gate)
        {
            if (isolated || SinceLastSuccess < options.Value.IsolationTimeout)
            {
                return LeaseTransition.None;
            }

            isolated = true;
            return LeaseTransition.Lost;
        }
    }
}
