using System.Globalization;
using Dapper;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Caching;
using OrleansPlatform.Workflows.References;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>See <see cref="IProductCatalog"/>; also the <c>products</c> paged query and the <c>product</c> entity loader.</summary>
internal sealed class ProductCatalog(IClusterDatabase database, IObjectCaches caches) : IProductCatalog, IPagedQuery, IEntityLoader
{
    /// <summary>The paged query's name.</summary>
    public const string QueryName = "products";

    private const string Columns = "id AS Id, name AS Name, description AS Description, price AS Price, stock AS Stock";

    public string Name => QueryName;

    public string EntityType => Product.Type;

    public async Task<QueryPage> SearchAsync(string keyword, int pageSize, int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        var pattern = "%" + keyword.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var arguments = new { Pattern = pattern, Take = pageSize, Skip = (long)(pageNumber - 1) * pageSize };
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM products WHERE lower(name) LIKE @Pattern ESCAPE '\\'", arguments, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<Product>(new CommandDefinition(
            $"SELECT {Columns} FROM products WHERE lower(name) LIKE @Pattern ESCAPE '\\' ORDER BY id LIMIT @Take OFFSET @Skip", arguments, cancellationToken: cancellationToken));
        return new QueryPage(QueryName, keyword, pageSize, pageNumber, total, items.ToList<IEntity>());
    }

    public Task<Product?> FindAsync(long id, CancellationToken cancellationToken) =>
        caches.Get(Product.Type).GetOrLoadAsync(id.ToString(CultureInfo.InvariantCulture), async ct =>
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            return await connection.QuerySingleOrDefaultAsync<Product>(new CommandDefinition(
                $"SELECT {Columns} FROM products WHERE id = @Id", new { Id = id }, cancellationToken: ct));
        }, cancellationToken);

    public async Task<bool> RenameAsync(long id, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        int changed;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE products SET name = @Name WHERE id = @Id", new { Id = id, Name = name }, cancellationToken: cancellationToken));
        }

        if (changed > 0)
        {
            await caches.Get(Product.Type).InvalidateAsync(id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        return changed > 0;
    }

    Task<QueryPage> IPagedQuery.RunAsync(string argument, int pageSize, int pageNumber, CancellationToken cancellationToken) =>
        SearchAsync(argument, pageSize, pageNumber, cancellationToken);

    async Task<IEntity?> IEntityLoader.LoadAsync(string key, CancellationToken cancellationToken) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await FindAsync(id, cancellationToken) : null;
}
