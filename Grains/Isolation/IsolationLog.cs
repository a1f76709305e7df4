using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Grains.Isolation;

/// <summary>Database lease log messages (event ids 3100-3199).</summary>
internal static partial class IsolationLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Error, Message = "Silo {Silo} is isolated at {At:o}: no database check succeeded for {Since}; it refuses session calls and deactivates its {Sessions} sessions until the database answers again")]
    public static partial void Isolated(ILogger logger, string silo, DateTimeOffset at, TimeSpan since, int sessions);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Silo {Silo} reaches the cluster database again at {At:o}; it serves sessions again")]
    public static partial void Regained(ILogger logger, string silo, DateTimeOffset at);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Database check failed")]
    public static partial void CheckFailed(ILogger logger, Exception exception);
}
