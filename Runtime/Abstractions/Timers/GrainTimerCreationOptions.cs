namespace OrleansPlatform.Runtime;

/// <summary>Options of a grain timer.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between the end of one tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> for one tick only.</param>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>When true, ticks may interleave with requests. Default false: a tick is a turn like a request.</summary>
    public bool Interleave { get; init; }

    /// <summary>When true, ticks count as activity and keep the activation from idle collection. Default false.</summary>
    public bool KeepAlive { get; init; }
}
