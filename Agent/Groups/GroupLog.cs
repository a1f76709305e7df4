using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Agent.Groups;

/// <summary>Log messages of resource groups and failover (event ids 8040-8059).</summary>
internal static partial class GroupLog
{
    [LoggerMessage(EventId = 8040, Level = LogLevel.Information, Message = "Starting group {Group} ({Resources})")]
    public static partial void Starting(ILogger logger, string group, string resources);

    [LoggerMessage(EventId = 8041, Level = LogLevel.Information, Message = "Stopping group {Group}: {Reason}")]
    public static partial void Stopping(ILogger logger, string group, string reason);

    [LoggerMessage(EventId = 8042, Level = LogLevel.Warning, Message = "Took failover group {Group} with fencing token {Token} (it was on {Previous})")]
    public static partial void TookOver(ILogger logger, string group, long token, string previous);

    [LoggerMessage(EventId = 8043, Level = LogLevel.Error, Message = "Lost failover group {Group} (token {Token}): {Reason}; killed its resources")]
    public static partial void Lost(ILogger logger, string group, long token, string reason);

    [LoggerMessage(EventId = 8044, Level = LogLevel.Warning, Message = "Handing failover group {Group} over to node {Node}")]
    public static partial void HandingOver(ILogger logger, string group, string node);

    [LoggerMessage(EventId = 8045, Level = LogLevel.Warning, Message = "Failover group {Group}: a lock round failed; trying again")]
    public static partial void RoundFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(EventId = 8046, Level = LogLevel.Information, Message = "Bootstrap group {Group} is healthy; connecting to the cluster database")]
    public static partial void BootstrapHealthy(ILogger logger, string group);
}
