namespace OrleansPlatform.Integration.Tests.Cluster;

/// <summary>Multi-process cluster tests run one at a time: each starts several silo processes on a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "multi-process cluster";
}
