using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime;

/// <summary>Source-generated log messages of the grain runtime. Event ids 1000-1099 are stable.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Activated {GrainId} as activation {ActivationId}")]
    public static partial void Activated(ILogger logger, GrainId grainId, string activationId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed; queued requests receive the error")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Deactivated {GrainId} activation {ActivationId} ({Reason})")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, string activationId, DeactivationReason reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed or timed out")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "A turn of {GrainId} ({Work}) failed outside the grain method")]
    public static partial void TurnFailed(ILogger logger, Exception exception, GrainId grainId, string work);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Timer tick of {GrainId} failed")]
    public static partial void TimerTickFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "One-way call {Method} on {GrainId} failed")]
    public static partial void OneWayFailed(ILogger logger, Exception exception, GrainId grainId, string method);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Idle collection deactivated {Count} activations")]
    public static partial void Collected(ILogger logger, int count);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Could not remove the directory entry of {GrainId}")]
    public static partial void UnregisterFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Could not release the cluster locks of {GrainId}")]
    public static partial void LockReleaseFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Grain runtime started with {GrainTypes} grain types")]
    public static partial void RuntimeStarted(ILogger logger, int grainTypes);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Grain runtime stopping: deactivating {Count} activations")]
    public static partial void RuntimeStopping(ILogger logger, int count);
}
