using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>Log messages of membership (event ids 2000-2099).</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Silo {SiloId} ({SiloName}) is joining cluster {ClusterId}")]
    public static partial void Joining(ILogger logger, string siloId, string siloName, string clusterId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Silo {SiloId} is Active in cluster {ClusterId} (membership version {Version})")]
    public static partial void Active(ILogger logger, string siloId, string clusterId, long version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Joining: active silo {PeerId} did not answer a ping; it will be probed and declared dead if it stays unreachable")]
    public static partial void PeerUnreachableAtJoin(ILogger logger, Exception exception, string peerId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Silo {SiloId} is ShuttingDown")]
    public static partial void ShuttingDown(ILogger logger, string siloId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Silo {SiloId} left the cluster (Dead)")]
    public static partial void Left(ILogger logger, string siloId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Heartbeat of silo {SiloId} failed; the last successful one started {Elapsed} ago (lease {LeaseDuration})")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, string siloId, TimeSpan elapsed, TimeSpan leaseDuration);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Critical, Message = "Silo {SiloId} is FENCED and stops serving: {Reason}. The host is being stopped")]
    public static partial void Fenced(ILogger logger, string siloId, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Declared silo {TargetId} dead: {Reason}")]
    public static partial void DeclaredDead(ILogger logger, string targetId, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Reading the membership table of cluster {ClusterId} failed; keeping the last snapshot (version {Version})")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string clusterId, long version);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Debug, Message = "Probe of silo {TargetId} failed ({Missed} in a row): {Error}")]
    public static partial void ProbeFailed(ILogger logger, string targetId, int missed, string error);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Silo {TargetId} missed {Missed} probes in a row; suspicion recorded ({Votes} of {VotesNeeded} votes)")]
    public static partial void Suspected(ILogger logger, string targetId, int missed, int votes, int votesNeeded);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Membership row {SiloId}: {Problem}")]
    public static partial void MalformedRow(ILogger logger, string siloId, string problem);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug, Message = "Membership version changed concurrently while trying to {Change}; retrying (attempt {Attempt})")]
    public static partial void VersionConflict(ILogger logger, string change, int attempt);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Membership change failed: {Change}")]
    public static partial void ChangeFailed(ILogger logger, Exception exception, string change);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Membership notifications on channel {Channel} failed; reconnecting in {Delay} (polling continues)")]
    public static partial void NotificationsFailed(ILogger logger, Exception exception, string channel, TimeSpan delay);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Debug, Message = "Listening for membership notifications on channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Error, Message = "A membership Changed handler threw; ignored")]
    public static partial void ChangedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Error, Message = "A membership Fenced handler threw; ignored")]
    public static partial void FencedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Information, Message = "Deleted {Count} defunct membership row(s) of cluster {ClusterId}")]
    public static partial void DefunctRowsDeleted(ILogger logger, int count, string clusterId);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Information, Message = "Membership of cluster {ClusterId} is now version {Version}: {Summary}")]
    public static partial void Changed(ILogger logger, string clusterId, long version, MembershipViewState.SnapshotSummary summary);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "Could not set silo {SiloId} to {Status}")]
    public static partial void StatusChangeFailed(ILogger logger, Exception exception, string siloId, SiloStatus status);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "The silo load source threw; publishing an empty load")]
    public static partial void LoadSourceFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Trace, Message = "Membership notification received on channel {Channel}")]
    public static partial void NotificationReceived(ILogger logger, string channel);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "Gave up {Change} after {Attempts} version conflicts")]
    public static partial void ChangeGaveUp(ILogger logger, string change, int attempts);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Error, Message = "Membership {Loop} loop iteration failed unexpectedly; continuing")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(EventId = 2025, Level = LogLevel.Warning, Message = "Recording a suspicion of silo {TargetId} failed")]
    public static partial void SuspicionFailed(ILogger logger, Exception exception, string targetId);

    [LoggerMessage(EventId = 2027, Level = LogLevel.Debug, Message = "The suspicions of silo {TargetId} changed concurrently; retrying (attempt {Attempt})")]
    public static partial void SuspicionConflict(ILogger logger, string targetId, int attempt);

    [LoggerMessage(EventId = 2026, Level = LogLevel.Warning, Message = "Cleaning up defunct membership rows failed")]
    public static partial void CleanupFailed(ILogger logger, Exception exception);
}
