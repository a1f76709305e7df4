namespace OrleansPlatform.Workflows.Locks;

/// <summary>Random pauses between acquisition attempts, so that contenders do not retry in lock step.</summary>
internal sealed class LockRetryJitter(Random random)
{
    /// <summary>
    /// The pause before retry number <paramref name="attempt"/> (0 first): uniform between <paramref name="min"/> and an
    /// upper bound that doubles from <paramref name="min"/> with each attempt, up to <paramref name="max"/>.
    /// </summary>
    public TimeSpan Next(int attempt, TimeSpan min, TimeSpan max)
    {
        var upper = min.Ticks * Math.Pow(2, Math.Min(attempt + 1, 30));
        var bound = Math.Max(min.Ticks, Math.Min(max.Ticks, upper));
        double sample;
        lock (random)
        {
            sample = random.NextDouble();
        }

        return TimeSpan.FromTicks(min.Ticks + (long)((bound - min.Ticks) * sample));
    }
}
