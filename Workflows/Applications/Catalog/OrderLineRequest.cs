namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>A product and quantity to order.</summary>
public sealed record OrderLineRequest(long ProductId, long Quantity);
