namespace OrleansPlatform.Workflows.References;

/// <summary>A cart of entities of one type; its logical reference is the keys plus the quantities the user typed.</summary>
public sealed class Cart(string entityType)
{
    private readonly List<CartLine> lines = [];

    /// <summary>The entity type of every line.</summary>
    public string EntityType { get; } = entityType;

    /// <summary>The lines, in the order first added.</summary>
    public IReadOnlyList<CartLine> Lines => lines;

    /// <summary>Adds <paramref name="quantity"/> of <paramref name="item"/> (summed with a line of the same key).</summary>
    public void Add(IEntity item, long quantity)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.EntityType != EntityType)
        {
            throw new ArgumentException($"A {EntityType} cart cannot hold a {item.EntityType}.", nameof(item));
        }

        var index = lines.FindIndex(l => l.Item.EntityKey == item.EntityKey);
        if (index >= 0)
        {
            lines[index] = new CartLine(item, lines[index].Quantity + quantity);
        }
        else
        {
            lines.Add(new CartLine(item, quantity));
        }
    }

    /// <summary>Empties the cart.</summary>
    public void Clear() => lines.Clear();
}
