namespace OrleansPlatform.Agent.Supervision;

/// <summary>Counts failures in a sliding window: this many within it is a crash loop.</summary>
internal sealed class CrashLoopDetector(int failures, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> recent = new();

    /// <summary>The failures in the window as of the last <see cref="RecordFailure"/>.</summary>
    public int Count => recent.Count;

    /// <summary>Records a failure at <paramref name="now"/>; true when it makes a crash loop.</summary>
    public bool RecordFailure(DateTimeOffset now)
    {
        recent.Enqueue(now);
        while (recent.Count > 0 && now - recent.Peek() > window)
        {
            recent.Dequeue();
        }

        return recent.Count >= failures;
    }

    /// <summary>Forgets every failure (an operator started the resource again).</summary>
    public void Reset() => recent.Clear();
}
