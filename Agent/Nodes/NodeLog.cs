using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Agent.Nodes;

/// <summary>Log messages of node registration and heartbeats (event ids 8030-8039).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 8030, Level = LogLevel.Information, Message = "Node {NodeId} registered (agent API {AgentUrl})")]
    public static partial void Registered(ILogger logger, string nodeId, string agentUrl);

    [LoggerMessage(EventId = 8031, Level = LogLevel.Warning, Message = "Node {NodeId} missed its heartbeats for {DownAfter}; marked it down")]
    public static partial void MarkedDown(ILogger logger, string nodeId, TimeSpan downAfter);

    [LoggerMessage(EventId = 8032, Level = LogLevel.Warning, Message = "Heartbeat of node {NodeId} failed; trying again")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, string nodeId);

    [LoggerMessage(EventId = 8033, Level = LogLevel.Information, Message = "Node {NodeId} marked stopped")]
    public static partial void Stopped(ILogger logger, string nodeId);
}
