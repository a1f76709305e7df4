namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>An order asked for more of a product than is in stock; nothing of the order was applied.</summary>
[GenerateSerializer]
[Alias("op.InsufficientStockException")]
public sealed class InsufficientStockException : Exception
{
    public InsufficientStockException()
    {
    }

    public InsufficientStockException(string message)
        : base(message)
    {
    }

    public InsufficientStockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InsufficientStockException(long productId, string productName, long requested, long available)
        : base($"Not enough stock for '{productName}' (product {productId}): {requested} requested, {available} available.")
    {
        ProductId = productId;
        ProductName = productName;
        Requested = requested;
        Available = available;
    }

    /// <summary>The product.</summary>
    [Id(0)]
    public long ProductId { get; }

    /// <summary>Its name.</summary>
    [Id(1)]
    public string ProductName { get; } = string.Empty;

    /// <summary>The quantity ordered.</summary>
    [Id(2)]
    public long Requested { get; }

    /// <summary>The stock when the order was refused.</summary>
    [Id(3)]
    public long Available { get; }
}
