using Npgsql;
using NpgsqlTypes;

namespace OrleansPlatform.SessionBaseline;

/// <summary>One product as the results view lists it.</summary>
public sealed record ProductItem(long Id, string Name);

/// <summary>One page of a keyword search.</summary>
public sealed record ProductPage(string Keyword, int Page, int PageSize, long Total, IReadOnlyList<ProductItem> Items)
{
    /// <summary>A later page exists.</summary>
    public bool HasNext => (long)Page * PageSize < Total;
}

/// <summary>
/// The platform's catalog query over the same <c>products</c> table: case-insensitive substring match on the name
/// (<c>lower(name) LIKE '%keyword%'</c> with LIKE's wildcards escaped), ordered by id, a page of <see cref="PageSize"/>,
/// a <c>COUNT(*)</c> and the page as two statements on one pooled connection.
/// </summary>
public sealed class ProductSearch(NpgsqlDataSource dataSource)
{
    /// <summary>Results per page.</summary>
    public const int PageSize = 5;

    private const string Match = "lower(name) LIKE @pattern ESCAPE '\\'";

    /// <summary>Page <paramref name="page"/> (1-based) of the products whose name contains <paramref name="keyword"/>.</summary>
    public async Task<ProductPage> SearchAsync(string keyword, int page, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var pattern = "%" + keyword.Trim().ToLowerInvariant()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT COUNT(*) FROM products WHERE {Match}", connection))
        {
            count.Parameters.Add(new NpgsqlParameter<string>("pattern", NpgsqlDbType.Text) { TypedValue = pattern });
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var items = new List<ProductItem>(PageSize);
        await using (var select = new NpgsqlCommand($"SELECT id, name FROM products WHERE {Match} ORDER BY id LIMIT @take OFFSET @skip", connection))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("pattern", NpgsqlDbType.Text) { TypedValue = pattern });
            select.Parameters.Add(new NpgsqlParameter<int>("take", NpgsqlDbType.Integer) { TypedValue = PageSize });
            select.Parameters.Add(new NpgsqlParameter<long>("skip", NpgsqlDbType.Bigint) { TypedValue = (long)(page - 1) * PageSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ProductItem(reader.GetInt64(0), reader.GetString(1)));
            }
        }

        return new ProductPage(keyword, page, PageSize, total, items);
    }
}
