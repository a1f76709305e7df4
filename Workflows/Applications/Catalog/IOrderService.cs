namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>Places orders against the stock.</summary>
public interface IOrderService
{
    /// <summary>
    /// Locks the stock rows (cluster locks <c>stock/{productId}</c>, exclusive, sorted order), decrements each with a
    /// conditional UPDATE and stores the order and its lines in one transaction; returns the order id. The order records
    /// <paramref name="user"/>, the signed-in user who placed it (null: anonymous).
    /// </summary>
    /// <exception cref="InsufficientStockException">A product has less stock than ordered (nothing is applied).</exception>
    Task<long> PlaceAsync(string sessionId, string? user, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken);
}
