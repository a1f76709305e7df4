namespace OrleansPlatform.Workflows.Pools;

/// <summary>
/// A session's global pool: the application step pool, the stack of composite step pools (bottom: the application)
/// and the interactive step pool. Together with the stack's current steps it is the whole state of a session.
/// </summary>
public sealed class GlobalPool
{
    /// <summary>The application step pool.</summary>
    public NameValueTable Application { get; } = new();

    /// <summary>The composite step pools, bottom first.</summary>
    public List<CompositeStepPool> Composites { get; } = [];

    /// <summary>The interactive step pool.</summary>
    public NameValueTable Interactive { get; } = new();

    /// <summary>The innermost running composite.</summary>
    public CompositeStepPool Current => Composites.Count > 0 ? Composites[^1] : throw new InvalidOperationException("The session has not started.");

    /// <summary>Empties every pool.</summary>
    public void Clear()
    {
        Application.Clear();
        Composites.Clear();
        Interactive.Clear();
    }
}
