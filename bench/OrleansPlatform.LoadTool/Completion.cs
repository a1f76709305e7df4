namespace OrleansPlatform.LoadTool;

/// <summary>One recorded interaction: Stopwatch timestamps, and the error's reason (null when it succeeded).</summary>
public readonly record struct Completion(long Started, long Ended, string? Error)
{
    public bool Succeeded => Error is null;

    public long LatencyTicks => Ended - Started;
}
