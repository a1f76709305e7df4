using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>Log messages of cluster routing and hosting. Event ids 1100-1199 are stable.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Re-routing a call to {GrainId}: silo {SiloId} refused it ({Reason}), attempt {Attempt}")]
    public static partial void Rerouting(ILogger logger, GrainId grainId, string siloId, string reason, int attempt);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Silo {SiloId} is dead: removed {Count} directory entries")]
    public static partial void DeadSiloCleaned(ILogger logger, string siloId, int count);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Cleaning the directory entries of dead silo {SiloId} failed")]
    public static partial void DeadSiloCleanupFailed(ILogger logger, Exception exception, string siloId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "A request frame from {Peer} could not be handled")]
    public static partial void BadFrame(ILogger logger, Exception exception, string peer);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Silo {SiloId} listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string siloId, string endPoint);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Silo {SiloId} draining: deactivating {Count} activations")]
    public static partial void Draining(ILogger logger, string siloId, int count);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Critical, Message = "Silo {SiloId} lost its membership: it stops serving now")]
    public static partial void Fenced(ILogger logger, string siloId);
}
