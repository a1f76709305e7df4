using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Agent.Resources;

/// <summary>What the agent tells a plugin when it starts a resource.</summary>
/// <param name="NodeId">The node the agent runs on.</param>
/// <param name="FencingToken">
/// For a resource of a failover group: the fencing token of the group's cluster lock under which it starts (greater
/// than every earlier holder's). Process plugins pass it as <c>OPLAT_FENCING_TOKEN</c> so the resource can stamp its
/// writes. Null outside failover groups.
/// </param>
/// <param name="Logger">The resource's logger.</param>
public sealed record ResourceStartContext(string NodeId, long? FencingToken, ILogger Logger);
