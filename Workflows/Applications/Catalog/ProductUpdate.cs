namespace OrleansPlatform.Workflows.Applications.Catalog;

/// <summary>A change to a product: each field that is not null replaces the stored one.</summary>
/// <param name="Name">A new name.</param>
/// <param name="Description">A new description.</param>
/// <param name="Price">A new price, in cents.</param>
/// <param name="Stock">A new stock level.</param>
public sealed record ProductUpdate(string? Name = null, string? Description = null, long? Price = null, long? Stock = null);
