namespace OrleansPlatform.Gateway.Admin.Caches;

/// <summary>The outcome of clearing or reloading a cache type on every active silo.</summary>
/// <param name="CacheType">The cache type, or <c>*</c> for every cache.</param>
/// <param name="Operation"><c>clear</c> or <c>reload</c>.</param>
/// <param name="Objects">Objects dropped (clear) or loaded again (reload), per silo id.</param>
/// <param name="Unanswered">Silos that did not answer in time (their caches may still hold the objects until their time to live passes).</param>
public sealed record CacheOperation(string CacheType, string Operation, IReadOnlyDictionary<string, int> Objects, IReadOnlyList<string> Unanswered);
