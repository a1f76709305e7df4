namespace OrleansPlatform.Agent.Supervision;

/// <summary>
/// Whether a supervisor may start its resource now: always for a group that runs on every node it is pinned to; only
/// while this node holds the group's cluster lock for a failover group (checked before every start and restart).
/// </summary>
public interface IRunPermit
{
    /// <summary>True while starting is allowed.</summary>
    bool MayRun { get; }

    /// <summary>The fencing token the resource runs under, for failover groups.</summary>
    long? FencingToken { get; }
}
