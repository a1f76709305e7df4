using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Workflows.Locks;

/// <summary>Source-generated log messages of the cluster locks. Event ids 4000-4099 are stable.</summary>
internal static partial class LocksLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Acquired {Mode} cluster lock {Name} for {Owner} with fencing token {Token}")]
    public static partial void Acquired(ILogger logger, LockMode mode, string name, LockOwner owner, long token);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Released {Mode} cluster lock {Name} (token {Token}) of {OwnerId}")]
    public static partial void Released(ILogger logger, LockMode mode, string name, long token, string ownerId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "{Mode} cluster lock {Name} was not free for {Owner} within {Wait} ({Attempts} attempts)")]
    public static partial void AcquireTimedOut(ILogger logger, LockMode mode, string name, LockOwner owner, TimeSpan wait, int attempts);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Releasing cluster lock {Name} (token {Token}) of {OwnerId} failed; it frees itself when its lease runs out")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string name, long token, string ownerId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "{Mode} cluster lock {Name} (token {Token}) of {OwnerId} was lost: {Reason}")]
    public static partial void Lost(ILogger logger, LockMode mode, string name, long token, string ownerId, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Renewing the leases of {Count} cluster locks failed; retrying at the next renewal")]
    public static partial void RenewalFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Removed {Count} expired or dead holders of cluster lock {Name}")]
    public static partial void StaleHoldersRemoved(ILogger logger, int count, string name);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Released {Count} cluster locks of owner {OwnerId}")]
    public static partial void OwnerReleased(ILogger logger, int count, string ownerId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Released {Count} cluster locks held on silo {SiloId}")]
    public static partial void SiloReleased(ILogger logger, int count, string siloId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Trace, Message = "Renewed the leases of {Count} cluster locks")]
    public static partial void Renewed(ILogger logger, int count);
}
