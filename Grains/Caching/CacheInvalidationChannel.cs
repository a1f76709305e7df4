namespace OrleansPlatform.Grains.Caching;

/// <summary>Names of the Orleans broadcast channel that carries cache invalidations.</summary>
public static class CacheInvalidationChannel
{
    /// <summary>The channel namespace; the channel key is the receiving silo's address.</summary>
    public const string Namespace = "cache-invalidation";
}
