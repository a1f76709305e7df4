namespace OrleansPlatform.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime constructs the grain (constructor injection, including
/// <see cref="IPersistentState{T}"/> parameters marked with <see cref="PersistentStateAttribute"/>), then calls
/// <see cref="OnActivateAsync"/> before the first request and <see cref="OnDeactivateAsync"/> when the activation ends.
/// </summary>
public abstract class Grain
{
    private readonly IGrainContext? _context;

    /// <summary>Binds the grain to the activation under construction.</summary>
    protected Grain()
    {
        _context = GrainConstructionScope.Current;
    }

    /// <summary>The runtime context of this activation.</summary>
    protected IGrainContext GrainContext =>
        _context ?? throw new InvalidOperationException(
            $"{GetType().Name} was not created by the grain runtime; grains are activated by calling them through IGrainFactory.");

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>Factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => GrainContext.Services;

    /// <summary>Called once before the first request is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once when the activation ends (idle collection, request, shutdown).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation after the current turn; the next call creates a new one.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    /// <summary>The key of a string-keyed grain.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The key of a Guid-keyed grain.</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "N");

    /// <summary>The key of an integer-keyed grain.</summary>
    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Registers a timer. Each tick runs as a turn of this activation (never concurrently with a request unless
    /// <see cref="GrainTimerCreationOptions.Interleave"/>); the next tick is scheduled only after the previous one completed,
    /// so ticks never overlap. The timer stops when the activation deactivates or the returned handle is disposed.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers a timer with explicit options.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) =>
        GrainContext.RegisterTimer(callback, options);
}
