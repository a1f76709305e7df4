using System.Globalization;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>An interaction's seq was neither the next one nor a retry of the last one.</summary>
[GenerateSerializer]
[Alias("op.StaleSequenceException")]
public sealed class StaleSequenceException : Exception
{
    public StaleSequenceException()
    {
    }

    public StaleSequenceException(string message)
        : base(message)
    {
    }

    public StaleSequenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The seq the session expects next (last applied + 1), or -1 when unknown.</summary>
    [Id(0)]
    public long ExpectedSeq { get; init; } = -1;

    /// <summary>The exception for a request with <paramref name="received"/> when <paramref name="expected"/> was due.</summary>
    public static StaleSequenceException For(long expected, long received) =>
        new($"Interaction refused: expected seq {expected.ToString(CultureInfo.InvariantCulture)} (or {(expected - 1).ToString(CultureInfo.InvariantCulture)} to repeat the last one), got {received.ToString(CultureInfo.InvariantCulture)}.")
        {
            ExpectedSeq = expected,
        };
}
