using System.Globalization;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// An interaction's seq was neither the next one nor a retry of the last one. Crosses silos by message only, so
/// <see cref="ExpectedSeq"/> is parsed back from the message ("... expected seq N ...").
/// </summary>
public sealed class StaleSequenceException : Exception
{
    private const string Marker = "expected seq ";

    public StaleSequenceException()
    {
    }

    public StaleSequenceException(string message)
        : base(message)
    {
        ExpectedSeq = Parse(message);
    }

    public StaleSequenceException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExpectedSeq = Parse(message);
    }

    /// <summary>The seq the session expects next (last applied + 1), or -1 when unknown.</summary>
    public long ExpectedSeq { get; } = -1;

    /// <summary>The exception for a request with <paramref name="received"/> when <paramref name="expected"/> was due.</summary>
    public static StaleSequenceException For(long expected, long received) =>
        new($"Interaction refused: expected seq {expected.ToString(CultureInfo.InvariantCulture)} (or {(expected - 1).ToString(CultureInfo.InvariantCulture)} to repeat the last one), got {received.ToString(CultureInfo.InvariantCulture)}.");

    private static long Parse(string? message)
    {
        if (message is null)
        {
            return -1;
        }

        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return -1;
        }

        start += Marker.Length;
        var end = start;
        while (end < message.Length && (char.IsAsciiDigit(message[end]) || (end == start && message[end] == '-')))
        {
            end++;
        }

        return long.TryParse(message.AsSpan(start, end - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : -1;
    }
}
