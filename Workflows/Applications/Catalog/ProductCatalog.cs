using System.Globalization;
using System.Text.Json;
using Dapper;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>
/// See <see cref="IProductCatalog"/>; also the <c>products</c> paged query and the <c>product</c> entity loader. A search
/// reads the matching ids once (an indexed query: a trigram index on PostgreSQL, FTS5's trigram tokenizer on SQLite) and
/// keeps them in the <c>product-search</c> cache; every page after that is a slice of the ids, its products read through
/// the <c>product</c> cache, so paging runs no query in the steady state. A change to a product invalidates it on every
/// silo; a rename also drops every cached search, since it may change which searches match.
/// </summary>
internal sealed class ProductCatalog(IClusterDatabase database, IObjectCaches caches) : IProductCatalog, IPagedQuery, IEntityLoader
{
    /// <summary>The paged query's name.</summary>
    public const string QueryName = "products";

    /// <summary>A search matching more products than this is not cached (its pages are read from the database each time).</summary>
    public const int CachedResultLimit = 20_000;

    private const string Columns = "id AS Id, name AS Name, description AS Description, price AS Price, stock AS Stock, attributes AS Attributes, image_url AS ImageUrl";

    public string Name => QueryName;

    public string EntityType => Product.Type;

    private IObjectCache Products => caches.Get(Product.Type);

    private IObjectCache Searches => caches.Get(ProductSearchResult.Type);

    public async Task<QueryPage> SearchAsync(string keyword, int pageSize, int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        var normalized = keyword.Trim().ToLowerInvariant();
        var result = await Searches.GetOrLoadAsync(normalized, ct => FindIdsAsync(normalized, ct), cancellationToken);
        if (result is null)
        {
            return await SearchUncachedAsync(normalized, keyword, pageSize, pageNumber, cancellationToken);
        }

        var skip = (long)(pageNumber - 1) * pageSize;
        var ids = result.Ids.Skip((int)Math.Min(skip, int.MaxValue)).Take(pageSize).ToList();
        var items = await FindManyAsync(ids, cancellationToken);
        return new QueryPage(QueryName, keyword, pageSize, pageNumber, result.Ids.Length, items.OfType<IEntity>().ToList());
    }

    public Task<Product?> FindAsync(long id, CancellationToken cancellationToken) =>
        Products.GetOrLoadAsync(Key(id), async ct =>
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            var row = await connection.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
                $"SELECT {Columns} FROM products WHERE id = @Id", new { Id = id }, cancellationToken: ct));
            return row?.ToProduct();
        }, cancellationToken);

    public async Task<Product?> UpdateAsync(long id, ProductUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        int changed;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE products SET name = coalesce(@Name, name), description = coalesce(@Description, description),
                    price = coalesce(@Price, price), stock = coalesce(@Stock, stock)
                WHERE id = @Id
                """,
                new { Id = id, update.Name, update.Description, update.Price, update.Stock },
                cancellationToken: cancellationToken));
        }

        if (changed == 0)
        {
            return null;
        }

        await Products.InvalidateAsync(Key(id), cancellationToken);
        if (update.Name is not null)
        {
            await Searches.InvalidateAllAsync(cancellationToken);
        }

        return await FindAsync(id, cancellationToken);
    }

    Task<QueryPage> IPagedQuery.RunAsync(string argument, int pageSize, int pageNumber, CancellationToken cancellationToken) =>
        SearchAsync(argument, pageSize, pageNumber, cancellationToken);

    async Task<IEntity?> IEntityLoader.LoadAsync(string key, CancellationToken cancellationToken) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await FindAsync(id, cancellationToken) : null;

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    // LIKE's own wildcards in a keyword are matched literally.
    private static string Pattern(string normalized) =>
        "%" + normalized.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    // SQLite's trigram index serves LIKE only without ESCAPE and for three characters or more; other keywords scan.
    private static bool SqliteIndexServes(string normalized) =>
        normalized.Length >= 3 && normalized.IndexOfAny(['%', '_', '\\']) < 0;

    private async Task<ProductSearchResult?> FindIdsAsync(string normalized, CancellationToken cancellationToken)
    {
        var sql = database.Provider == DatabaseProvider.Sqlite && SqliteIndexServes(normalized)
            ? "SELECT rowid FROM products_name_search WHERE name LIKE @Pattern ORDER BY rowid LIMIT @Limit"
            : "SELECT id FROM products WHERE lower(name) LIKE @Pattern ESCAPE '\\' ORDER BY id LIMIT @Limit";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            sql,
            new { Pattern = database.Provider == DatabaseProvider.Sqlite && SqliteIndexServes(normalized) ? "%" + normalized + "%" : Pattern(normalized), Limit = CachedResultLimit + 1 },
            cancellationToken: cancellationToken))).ToArray();

        // Too many to keep: the caller pages through the database instead.
        return ids.Length > CachedResultLimit ? null : new ProductSearchResult(ids);
    }

    private async Task<QueryPage> SearchUncachedAsync(string normalized, string keyword, int pageSize, int pageNumber, CancellationToken cancellationToken)
    {
        var arguments = new { Pattern = Pattern(normalized), Take = pageSize, Skip = (long)(pageNumber - 1) * pageSize };
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM products WHERE lower(name) LIKE @Pattern ESCAPE '\\'", arguments, cancellationToken: cancellationToken));
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM products WHERE lower(name) LIKE @Pattern ESCAPE '\\' ORDER BY id LIMIT @Take OFFSET @Skip", arguments, cancellationToken: cancellationToken))).ToList();
        var items = await FindManyAsync(ids, cancellationToken);
        return new QueryPage(QueryName, keyword, pageSize, pageNumber, total, items.OfType<IEntity>().ToList());
    }

    // Through the product cache; the ones it lacks in one query.
    private async Task<IReadOnlyList<Product?>> FindManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        return await Products.GetOrLoadManyAsync<Product>(ids.Select(Key).ToList(), async (keys, ct) =>
        {
            var wanted = keys.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToArray();
            await using var connection = await database.OpenConnectionAsync(ct);

            // Npgsql takes the array as one parameter; SQLite gets Dapper's list expansion.
            var sql = database.Provider == DatabaseProvider.Postgres
                ? $"SELECT {Columns} FROM products WHERE id = ANY(@Ids)"
                : $"SELECT {Columns} FROM products WHERE id IN @Ids";
            var rows = await connection.QueryAsync<ProductRow>(new CommandDefinition(sql, new { Ids = wanted }, cancellationToken: ct));
            return rows.Select(r => r.ToProduct()).ToDictionary(p => Key(p.Id), StringComparer.Ordinal);
        }, cancellationToken);
    }

    private sealed class ProductRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;

        public long Price { get; set; }

        public long Stock { get; set; }

        public string Attributes { get; set; } = "{}";

        public string ImageUrl { get; set; } = string.Empty;

        public Product ToProduct() => new(
            Id,
            Name,
            Description,
            Price,
            Stock,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes) ?? [],
            ImageUrl);
    }
}
