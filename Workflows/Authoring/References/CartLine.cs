namespace OrleansPlatform.Workflows.References;

/// <summary>A line of a cart: the entity and the quantity the user typed.</summary>
public sealed record CartLine(IEntity Item, long Quantity);
