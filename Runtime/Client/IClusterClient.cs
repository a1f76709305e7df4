using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Client;

/// <summary>A connection to a cluster: grain references plus the cluster's membership as the client sees it.</summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>The silos of the cluster, kept current (database notifications and polling).</summary>
    IMembershipView Membership { get; }
}
