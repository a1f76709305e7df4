namespace OrleansPlatform.Workflows.Caching;

/// <summary>
/// Tells every silo to drop an object from its cache of <paramref name="CacheType"/>: the object with
/// <paramref name="Key"/>, or every object of the type when <paramref name="Key"/> is null.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("op.cache-invalidation")]
public sealed record CacheInvalidation([property: Id(0)] string CacheType, [property: Id(1)] string? Key);
