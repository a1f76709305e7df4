namespace OrleansPlatform.Agent.Supervision;

/// <summary>Exponential backoff between restarts: the initial pause, doubling up to the cap; reset after a long enough run.</summary>
internal sealed class RestartBackoff(TimeSpan initial, TimeSpan max)
{
    private readonly TimeSpan first = initial;
    private TimeSpan next = initial;

    /// <summary>The pause before the next restart; the one after it is twice as long (at most the cap).</summary>
    public TimeSpan Next()
    {
        var current = next;
        next = next * 2 > max ? max : next * 2;
        return current;
    }

    /// <summary>Back to the initial pause.</summary>
    public void Reset() => next = first;
}
