namespace OrleansPlatform.Runtime.Scheduling;

/// <summary>
/// The grains that wait, transitively, on a request: the caller, the caller's caller, and so on. Immutable and shared
/// (each turn prepends its own grain), so building a chain for a call is one allocation.
/// </summary>
internal sealed class CallChain
{
    private CallChain(GrainId grain, CallChain? parent)
    {
        Grain = grain;
        Parent = parent;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    public GrainId Grain { get; }

    public CallChain? Parent { get; }

    public int Depth { get; }

    public static CallChain Extend(CallChain? chain, GrainId grain) => new(grain, chain);

    public static bool Contains(CallChain? chain, GrainId grain)
    {
        for (var link = chain; link is not null; link = link.Parent)
        {
            if (link.Grain.Equals(grain))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chain from the outermost caller down to <paramref name="chain"/>'s grain.</summary>
    public static List<GrainId> ToList(CallChain? chain)
    {
        var list = new List<GrainId>(chain?.Depth ?? 0);
        for (var link = chain; link is not null; link = link.Parent)
        {
            list.Add(link.Grain);
        }

        list.Reverse();
        return list;
    }

    /// <summary>The chain as grain id strings, outermost first, for a message header.</summary>
    public static string[]? ToWire(CallChain? chain) =>
        chain is null ? null : ToList(chain).Select(g => g.ToString()).ToArray();

    /// <summary>Rebuilds a chain from <see cref="ToWire"/>.</summary>
    public static CallChain? FromWire(string[]? wire)
    {
        CallChain? chain = null;
        foreach (var grain in wire ?? [])
        {
            chain = Extend(chain, GrainId.Parse(grain));
        }

        return chain;
    }
}
