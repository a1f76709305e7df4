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
        CheckType(item);
        var index = IndexOf(item.EntityKey);
        if (index >= 0)
        {
            lines[index] = new CartLine(item, lines[index].Quantity + quantity);
        }
        else
        {
            lines.Add(new CartLine(item, quantity));
        }
    }

    /// <summary>Sets the quantity of the line of <paramref name="item"/> (in place, or added last); 0 or less removes it.</summary>
    public void SetQuantity(IEntity item, long quantity)
    {
        CheckType(item);
        var index = IndexOf(item.EntityKey);
        if (quantity <= 0)
        {
            Remove(item.EntityKey);
        }
        else if (index >= 0)
        {
            lines[index] = new CartLine(item, quantity);
        }
        else
        {
            lines.Add(new CartLine(item, quantity));
        }
    }

    /// <summary>Removes the line of the entity keyed <paramref name="entityKey"/>; false when there is none.</summary>
    public bool Remove(string entityKey)
    {
        var index = IndexOf(entityKey);
        if (index < 0)
        {
            return false;
        }

        lines.RemoveAt(index);
        return true;
    }

    /// <summary>A copy holding the same lines (for a step that keeps what was ordered after the cart is emptied).</summary>
    public Cart Copy()
    {
        var copy = new Cart(EntityType);
        copy.lines.AddRange(lines);
        return copy;
    }

    /// <summary>Empties the cart.</summary>
    public void Clear() => lines.Clear();

    private int IndexOf(string entityKey) => lines.FindIndex(l => l.Item.EntityKey == entityKey);

    private void CheckType(IEntity item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.EntityType != EntityType)
        {
            throw new ArgumentException($"A {EntityType} cart cannot hold a {item.EntityType}.", nameof(item));
        }
    }
}
