using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Locks;
using OrleansPlatform.Workflows.Caching;

namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>
/// See <see cref="IOrderService"/>. The stock of every product ordered is locked (cluster locks, in name order, so two
/// orders never deadlock); the order's transaction first checks that every lock is still held under its fencing token
/// (<see cref="ClusterLockFence"/>), so a writer whose lease ran out while it was paused cannot commit. The conditional
/// UPDATE (stock &gt;= quantity) keeps stock from going negative whatever happens to the locks.
/// </summary>
internal sealed class OrderService(IClusterDatabase database, IClusterLocks locks, IObjectCaches caches, IOptions<CatalogOptions> options) : IOrderService
{
    public async Task<long> PlaceAsync(string sessionId, string? user, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken)
    {
        var merged = lines.GroupBy(l => l.ProductId).Select(g => new OrderLineRequest(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId).ToList();
        if (merged.Count == 0 || merged.Any(l => l.Quantity <= 0))
        {
            throw new ArgumentException("An order needs at least one line, each with a positive quantity.", nameof(lines));
        }

        var held = new List<ClusterLockHandle>();
        try
        {
            foreach (var name in merged.Select(l => "stock/" + l.ProductId.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal))
            {
                held.Add(await locks.AcquireAsync(name, LockMode.Exclusive, options.Value.StockLockWait, cancellationToken));
            }

            var orderId = await WriteOrderAsync(sessionId, user, merged, held, cancellationToken);
            var products = caches.Get(Product.Type);
            foreach (var line in merged)
            {
                await products.InvalidateAsync(line.ProductId.ToString(CultureInfo.InvariantCulture), cancellationToken);
            }

            return orderId;
        }
        finally
        {
            for (var i = held.Count - 1; i >= 0; i--)
            {
                await held[i].ReleaseAsync();
            }
        }
    }

    private async Task<long> WriteOrderAsync(string sessionId, string? user, List<OrderLineRequest> lines, List<ClusterLockHandle> held, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ClusterLockFence.VerifyAsync(connection, transaction, database.Provider, held, cancellationToken);
        long total = 0;
        var prices = new List<long>();
        foreach (var line in lines)
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE products SET stock = stock - @Quantity WHERE id = @Id AND stock >= @Quantity",
                new { Id = line.ProductId, line.Quantity }, transaction, cancellationToken: cancellationToken));
            var row = await connection.QuerySingleOrDefaultAsync<(string Name, long Price, long Stock)>(new CommandDefinition(
                "SELECT name, price, stock FROM products WHERE id = @Id", new { Id = line.ProductId }, transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw row.Name is null
                    ? new InsufficientStockException(line.ProductId, $"product {line.ProductId}", line.Quantity, 0)
                    : new InsufficientStockException(line.ProductId, row.Name, line.Quantity, row.Stock);
            }

            prices.Add(row.Price);
            total += row.Price * line.Quantity;
        }

        var orderId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO orders (session_id, user_name, total) VALUES (@SessionId, @UserName, @Total) RETURNING id",
            new { SessionId = sessionId, UserName = user, Total = total }, transaction, cancellationToken: cancellationToken));
        for (var i = 0; i < lines.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES (@OrderId, @LineNo, @ProductId, @Quantity, @UnitPrice)",
                new { OrderId = orderId, LineNo = i + 1, lines[i].ProductId, lines[i].Quantity, UnitPrice = prices[i] }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return orderId;
    }
}
