using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Grains.Placement;

/// <summary>Session admission and placement log messages (event ids 3000-3099).</summary>
internal static partial class PlacementLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Session admission activated: {Live} live sessions on {Silos} silos found")]
    public static partial void Rebuilt(ILogger logger, int live, int silos);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Every silo is at capacity: session {Session} waits for a slot ({Waiting} waiting)")]
    public static partial void Waiting(ILogger logger, GrainId session, int waiting);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Session {Session} was refused: {Reason}")]
    public static partial void Refused(ILogger logger, GrainId session, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Dropped the sessions of silo {Silo}, which is no longer a member ({Count} live)")]
    public static partial void SiloGone(ILogger logger, SiloAddress silo, int count);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Telling the session admission that {Session} {Change} failed; its slot is corrected when the admission next rebuilds")]
    public static partial void NotifyFailed(ILogger logger, Exception exception, GrainId session, string change);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "The reservation of session {Session} on {Silo} expired before it activated; its slot is free again")]
    public static partial void ReservationExpired(ILogger logger, GrainId session, SiloAddress silo);
}
