using System.Net;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>Transport log messages; event ids 3000-3099 are stable. Nothing here ever receives the cluster secret.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Transport listening on {EndPoint} (TLS: {UseTls})")]
    public static partial void ListenerStarted(ILogger logger, EndPoint? endPoint, bool useTls);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Transport listener on {EndPoint} stopped")]
    public static partial void ListenerStopped(ILogger logger, EndPoint? endPoint);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Connection {ConnectionId} accepted from {RemoteEndPoint}")]
    public static partial void ConnectionAccepted(ILogger logger, string connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Connection {ConnectionId} from {RemoteEndPoint} authenticated as node {NodeId}")]
    public static partial void HandshakeSucceeded(ILogger logger, string connectionId, EndPoint? remoteEndPoint, string nodeId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Connection {ConnectionId} from {RemoteEndPoint} refused: handshake failed ({Reason}): {Detail}")]
    public static partial void HandshakeFailed(ILogger logger, string connectionId, EndPoint? remoteEndPoint, HandshakeFailureReason reason, string detail);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Connection {ConnectionId} from {RemoteEndPoint} closed: frame too large ({Size} bytes, limit {MaxSize})")]
    public static partial void FrameTooLarge(ILogger logger, string connectionId, EndPoint? remoteEndPoint, long size, int maxSize);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Connection {ConnectionId} from {RemoteEndPoint} closed: invalid frame: {Detail}")]
    public static partial void InvalidFrame(ILogger logger, string connectionId, EndPoint? remoteEndPoint, string detail);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug, Message = "Connection {ConnectionId} from {RemoteEndPoint} closed")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, EndPoint? remoteEndPoint, Exception? exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Frame handler failed for {Kind} {CorrelationId} on connection {ConnectionId}")]
    public static partial void HandlerFailed(ILogger logger, FrameKind kind, long correlationId, string connectionId, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Debug, Message = "Ignoring unexpected {Kind} frame on connection {ConnectionId}")]
    public static partial void UnexpectedFrame(ILogger logger, FrameKind kind, string connectionId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Response to {CorrelationId} on connection {ConnectionId} is too large ({Size} bytes, limit {MaxSize}); sending an error response instead")]
    public static partial void ResponseTooLarge(ILogger logger, long correlationId, string connectionId, long size, int maxSize);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Connection {ConnectionId} still had {Count} handler(s) running after close; not waiting any longer")]
    public static partial void DrainTimedOut(ILogger logger, string connectionId, int count);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "Connecting to {EndPoint}")]
    public static partial void Connecting(ILogger logger, EndPoint endPoint);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Connected to node {NodeId} at {EndPoint} (TLS: {UseTls})")]
    public static partial void Connected(ILogger logger, string nodeId, EndPoint endPoint, bool useTls);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "Connecting to {EndPoint} failed (attempt {Attempt}); next attempt allowed in {Backoff}")]
    public static partial void ConnectFailed(ILogger logger, EndPoint endPoint, int attempt, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Warning, Message = "Connection to {EndPoint} lost; failing {PendingCount} pending request(s)")]
    public static partial void ConnectionLost(ILogger logger, EndPoint endPoint, int pendingCount, Exception? exception);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Warning, Message = "Connection to {EndPoint} refused by handshake ({Reason}): {Detail}")]
    public static partial void ClientHandshakeFailed(ILogger logger, EndPoint endPoint, HandshakeFailureReason reason, string detail);

    [LoggerMessage(EventId = 3025, Level = LogLevel.Warning, Message = "No answer from {EndPoint} within {Timeout} after a ping; closing the connection")]
    public static partial void PingTimedOut(ILogger logger, EndPoint endPoint, TimeSpan timeout);

    [LoggerMessage(EventId = 3026, Level = LogLevel.Debug, Message = "Dropping response {CorrelationId} from {EndPoint}: no pending request (timed out or canceled)")]
    public static partial void OrphanResponse(ILogger logger, long correlationId, EndPoint endPoint);

    [LoggerMessage(EventId = 3027, Level = LogLevel.Error, Message = "Connection to {EndPoint} closed: frame too large ({Size} bytes, limit {MaxSize})")]
    public static partial void ClientFrameTooLarge(ILogger logger, EndPoint endPoint, long size, int maxSize);
}
