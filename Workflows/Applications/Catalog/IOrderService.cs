namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>Places orders against the stock.</summary>
public interface IOrderService
{
    /// <summary>
    /// Locks the stock rows (cluster locks <c>stock/{productId}</c>, exclusive, sorted order), decrements each with a
    /// conditional UPDATE and stores the order and its lines in one transaction; returns the order id.
    /// </summary>
    /// <exception cref="InsufficientStockException">A product has less stock than ordered (nothing is applied).</exception>
    Task<long> PlaceAsync(string sessionId, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken);
}
