using System.Collections.Concurrent;
using Npgsql;
using OrleansPlatform.Baselines;

namespace OrleansPlatform.FloorBaseline;

/// <summary>
/// Every match of a keyword, read with one query the first time the keyword is searched and kept for the process's
/// life: after the warm-up the floor sends no catalog statement, only its one write per interaction.
/// </summary>
public sealed class FloorCatalog(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CatalogItem[]>>> _matches = new(StringComparer.Ordinal);

    /// <summary>Page <paramref name="page"/> (1-based) of the products whose name contains <paramref name="keyword"/>.</summary>
    public async Task<CatalogPage> PageAsync(string keyword, int page)
    {
        var matches = await _matches.GetOrAdd(BaselineApi.LikePattern(keyword), pattern => new Lazy<Task<CatalogItem[]>>(() => LoadAsync(pattern))).Value;
        var items = matches.Skip((page - 1) * BaselineApi.PageSize).Take(BaselineApi.PageSize).ToArray();
        return new CatalogPage(keyword, page, BaselineApi.PageSize, matches.Length, items);
    }

    private async Task<CatalogItem[]> LoadAsync(string pattern)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name FROM products WHERE lower(name) LIKE $1 ESCAPE '\\' ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<CatalogItem>();
        while (await reader.ReadAsync())
        {
            items.Add(new CatalogItem(reader.GetInt64(0), reader.GetString(1)));
        }

        return [.. items];
    }
}
