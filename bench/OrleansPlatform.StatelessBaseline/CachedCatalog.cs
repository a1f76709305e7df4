using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using OrleansPlatform.Baselines;

namespace OrleansPlatform.StatelessBaseline;

/// <summary>
/// The platform's catalog queries (a <c>COUNT(*)</c> and a page, <c>lower(name) LIKE</c>, served by the platform's
/// trigram index <c>ix_products_name_trigram</c> of migration 0014) with each keyword's count and each page cached in
/// <see cref="IMemoryCache"/> for <see cref="Lifetime"/>: a repeated page sends no statement.
/// </summary>
public sealed class CachedCatalog(NpgsqlDataSource dataSource, IMemoryCache cache)
{
    /// <summary>How long a cached count or page is served (the catalog changes rarely; an admin edit shows within it).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Page <paramref name="page"/> (1-based) of the products whose name contains <paramref name="keyword"/>.</summary>
    public async Task<CatalogPage> PageAsync(string keyword, int page, CancellationToken ct)
    {
        var pattern = BaselineApi.LikePattern(keyword);
        var total = await cache.GetOrCreateAsync(("count", pattern), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return CountAsync(pattern, ct);
        });
        var items = await cache.GetOrCreateAsync(("page", pattern, page), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return ItemsAsync(pattern, page, ct);
        });
        return new CatalogPage(keyword, page, BaselineApi.PageSize, total, items!);
    }

    private async Task<long> CountAsync(string pattern, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM products WHERE lower(name) LIKE $1 ESCAPE '\\'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<CatalogItem[]> ItemsAsync(string pattern, int page, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name FROM products WHERE lower(name) LIKE $1 ESCAPE '\\' ORDER BY id LIMIT $2 OFFSET $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BaselineApi.PageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(page - 1) * BaselineApi.PageSize });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<CatalogItem>(BaselineApi.PageSize);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new CatalogItem(reader.GetInt64(0), reader.GetString(1)));
        }

        return [.. items];
    }
}
