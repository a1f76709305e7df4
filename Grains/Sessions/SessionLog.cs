using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// Session log messages (event ids 6100-6199). A silo appears as its name and its full id (<c>silo-2
/// (127.0.0.1:41763@155618965)</c>): the name as the console shows it, the id as <c>session_records.silo</c> and the
/// session event log store it, so a line can be matched to both.
/// </summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Session {SessionId} of {App} failed over from dead silo {DeadSilo} to {Silo}; rebuilding from its record.")]
    public static partial void FailOver(ILogger logger, string sessionId, string app, string deadSilo, string silo);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Session {SessionId} of {App} timed out (expired at {Expired:o}).")]
    public static partial void TimedOut(ILogger logger, string sessionId, string app, DateTimeOffset expired);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Session {SessionId} names application {App} {Version}, which this silo does not have.")]
    public static partial void UnknownVersion(ILogger logger, string sessionId, string app, string version);


    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Session {SessionId}: the stored record changed underneath this activation (ETag conflict, or a fenced write); reloaded, nothing applied")]
    public static partial void Conflict(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Session {SessionId} activated on {SiloName} ({Silo}) at {At:o}")]
    public static partial void Activated(ILogger logger, string sessionId, string siloName, string silo, DateTimeOffset at);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "Session {SessionId} deactivated on {SiloName} ({Silo}) at {At:o} ({Reason})")]
    public static partial void Deactivated(ILogger logger, string sessionId, string siloName, string silo, DateTimeOffset at, string reason);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Debug, Message = "Session {SessionId} applied seq {Seq} on {SiloName} ({Silo}) at {At:o}")]
    public static partial void Applied(ILogger logger, string sessionId, long seq, string siloName, string silo, DateTimeOffset at);

    [LoggerMessage(EventId = 6190, Level = LogLevel.Warning, Message = "Session {SessionId}: writing the record behind failed; the backup keeps it and the write is retried")]
    public static partial void WriteBehindFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(EventId = 6191, Level = LogLevel.Information, Message = "Session {SessionId}: restored interaction {Seq} from the backup written by silo {PrimarySilo} (the database was behind)")]
    public static partial void RestoredFromBackup(ILogger logger, string sessionId, long seq, string primarySilo);
}
