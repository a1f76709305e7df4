using System.Diagnostics;

namespace OrleansPlatform.LoadTool;

/// <summary>The interactions a simulated user makes.</summary>
public enum InteractionKind
{
    /// <summary><c>POST /api/apps/{app}/sessions</c>.</summary>
    Start,

    /// <summary>The <c>search</c> action with a keyword.</summary>
    Search,

    /// <summary>The <c>next</c> action.</summary>
    Next,

    /// <summary>The <c>prev</c> action.</summary>
    Prev,
}

/// <summary>
/// When to record. Warm-up runs from the start to <see cref="MeasureStart"/>; then either a fixed window (duration mode:
/// an interaction counts when it starts and completes inside it) or a number of interactions per user.
/// </summary>
public sealed class RunClock(long measureStart, long? measureEnd, int? interactionsPerUser)
{
    public long MeasureStart { get; } = measureStart;

    public long? MeasureEnd { get; } = measureEnd;

    public int? InteractionsPerUser { get; } = interactionsPerUser;

    /// <summary>The user has nothing more to do.</summary>
    public bool Done(UserRecorder recorder) =>
        MeasureEnd is { } end ? Stopwatch.GetTimestamp() >= end : recorder.Recorded >= InteractionsPerUser;

    /// <summary>An interaction that ran from <paramref name="started"/> to <paramref name="ended"/> is recorded.</summary>
    public bool Counts(UserRecorder recorder, long started, long ended) =>
        started >= MeasureStart && (MeasureEnd is { } end ? ended <= end : recorder.Recorded < InteractionsPerUser);
}

/// <summary>
/// One user's latencies (Stopwatch ticks) per kind, error counts and every recorded interaction's start and end (for
/// the per-second timeline); only that user's task writes it.
/// </summary>
public sealed class UserRecorder(RunClock clock)
{
    private readonly List<long>[] _latencies = [.. Enum.GetValues<InteractionKind>().Select(_ => new List<long>(1024))];
    private readonly List<Completion> _completions = new(4096);

    public int Recorded { get; private set; }

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public long LastEnded { get; private set; }

    public IReadOnlyList<long> Latencies(InteractionKind kind) => _latencies[(int)kind];

    /// <summary>Every recorded interaction, successful or not, in the order they ended.</summary>
    public IReadOnlyList<Completion> Completions => _completions;

    /// <summary>Interactions that started in a fixed window but ended after it (not recorded otherwise).</summary>
    public int Overran { get; private set; }

    /// <summary>The longest of <see cref="Overran"/> (Stopwatch ticks).</summary>
    public long LongestOverrun { get; private set; }

    /// <summary>Records a successful interaction when it falls in the measured part of the run.</summary>
    public void Success(InteractionKind kind, long started, long ended)
    {
        if (clock.Counts(this, started, ended))
        {
            _latencies[(int)kind].Add(ended - started);
            _completions.Add(new Completion(started, ended, null));
            Recorded++;
            LastEnded = Math.Max(LastEnded, ended);
        }
        else
        {
            NoteOverrun(started, ended);
        }
    }

    /// <summary>Records a failed interaction (by reason: a status code, "timeout", ...) when it falls in the measured part.</summary>
    public void Error(string reason, long started, long ended)
    {
        if (clock.Counts(this, started, ended))
        {
            Errors[reason] = Errors.GetValueOrDefault(reason) + 1;
            _completions.Add(new Completion(started, ended, reason));
            Recorded++;
            LastEnded = Math.Max(LastEnded, ended);
        }
        else
        {
            NoteOverrun(started, ended);
        }
    }

    // A request stuck across the end of the window (a fail-over late in it) would otherwise vanish from the figures.
    private void NoteOverrun(long started, long ended)
    {
        if (clock.MeasureEnd is { } end && started >= clock.MeasureStart && started < end && ended > end)
        {
            Overran++;
            LongestOverrun = Math.Max(LongestOverrun, ended - started);
        }
    }
}
