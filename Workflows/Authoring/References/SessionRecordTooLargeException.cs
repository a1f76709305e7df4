using OrleansPlatform.Workflows.Pools;

namespace OrleansPlatform.Workflows.References;

/// <summary>A session record would exceed the configured size limit; the message names the largest pool entries.</summary>
[GenerateSerializer]
[Alias("op.SessionRecordTooLargeException")]
public sealed class SessionRecordTooLargeException : Exception
{
    public SessionRecordTooLargeException()
    {
    }

    public SessionRecordTooLargeException(string message)
        : base(message)
    {
    }

    public SessionRecordTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exception for a record of <paramref name="bytes"/> over <paramref name="limit"/>.</summary>
    public static SessionRecordTooLargeException For(int bytes, int limit, IReadOnlyList<PoolEntrySize> entries) =>
        new($"The session record would be {bytes} bytes, over the limit of {limit} bytes (Sessions:MaxRecordBytes). Largest entries: "
            + string.Join(", ", entries.OrderByDescending(e => e.Bytes).Take(3).Select(e => $"{e.Entry} ({e.Bytes} bytes)"))
            + ". Store such values as logical references (a codec) instead of raw data.");
}
