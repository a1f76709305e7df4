using System.Diagnostics;

namespace OrleansPlatform.LoadTool;

/// <summary>Waiting for a moment of the run, given as a Stopwatch timestamp.</summary>
public static class Wait
{
    /// <summary>Returns at <paramref name="timestamp"/> (at once if it has passed) or when cancelled, without throwing.</summary>
    public static async Task UntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }
}
