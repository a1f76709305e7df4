namespace OrleansPlatform.Agent.Supervision;

/// <summary>The permit of groups that are not failover groups.</summary>
internal sealed class AlwaysPermitted : IRunPermit
{
    public static AlwaysPermitted Instance { get; } = new();

    public bool MayRun => true;

    public long? FencingToken => null;
}
