using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Admin.Caches;

/// <summary>The object caches of every active silo, for the admin console and API: their counters, and cluster-wide clear and reload.</summary>
public sealed class CacheDirectory(IGrainFactory grains)
{
    /// <summary>The wildcard that names every cache type.</summary>
    public const string AllTypes = "*";

    private static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Each active silo's caches; a silo that does not answer in time is listed without them.</summary>
    public async Task<IReadOnlyList<SiloCaches>> ReadAsync(CancellationToken cancellationToken)
    {
        var silos = await ActiveAsync(cancellationToken);
        return await Task.WhenAll(silos.Select(async silo =>
        {
            try
            {
                var caches = await grains.GetGrain<ISiloControlGrain>(silo.Id).CacheStatistics().WaitAsync(SiloAnswerTimeout, cancellationToken);
                return new SiloCaches(silo.Id, silo.Name, caches.OrderBy(c => c.CacheType, StringComparer.Ordinal).ToList(), Answered: true);
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException)
            {
                return new SiloCaches(silo.Id, silo.Name, [], Answered: false);
            }
        }));
    }

    /// <summary>The cache types registered on the silos.</summary>
    public static IReadOnlySet<string> TypesIn(IEnumerable<SiloCaches> silos) =>
        silos.SelectMany(s => s.Caches).Select(c => c.CacheType).ToHashSet(StringComparer.Ordinal);

    /// <summary>Clears (<paramref name="reload"/> false) or reloads <paramref name="cacheType"/> on every active silo; null when no silo has such a cache.</summary>
    public async Task<CacheOperation?> ApplyAsync(string cacheType, bool reload, CancellationToken cancellationToken)
    {
        var silos = await ReadAsync(cancellationToken);
        if (cacheType != AllTypes && !TypesIn(silos).Contains(cacheType))
        {
            return null;
        }

        var results = await Task.WhenAll(silos.Where(s => s.Answered && (cacheType == AllTypes || s.Caches.Any(c => c.CacheType == cacheType))).Select(async silo =>
        {
            try
            {
                var control = grains.GetGrain<ISiloControlGrain>(silo.SiloId);
                var objects = await (reload ? control.ReloadCache(cacheType) : control.ClearCache(cacheType)).WaitAsync(SiloAnswerTimeout, cancellationToken);
                return (silo.SiloId, Objects: (int?)objects);
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException)
            {
                return (silo.SiloId, Objects: null);
            }
        }));
        return new CacheOperation(
            cacheType,
            reload ? "reload" : "clear",
            results.Where(r => r.Objects is not null).ToDictionary(r => r.SiloId, r => r.Objects!.Value, StringComparer.Ordinal),
            results.Where(r => r.Objects is null).Select(r => r.SiloId).Concat(silos.Where(s => !s.Answered).Select(s => s.SiloId)).ToList());
    }

    private async Task<IReadOnlyList<(string Id, string Name)>> ActiveAsync(CancellationToken cancellationToken)
    {
        var members = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, cancellationToken);
        return members.Where(m => m.Status == SiloStatus.Active)
            .Select(m => (m.SiloAddress.ToParsableString(), m.SiloName))
            .OrderBy(m => m.SiloName, StringComparer.Ordinal)
            .ToList();
    }
}
