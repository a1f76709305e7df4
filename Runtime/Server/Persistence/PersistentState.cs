using OrleansPlatform.Runtime.Storage;

namespace OrleansPlatform.Runtime.Persistence;

/// <summary>The state object injected into a grain: holds state and ETag, delegates I/O to a named <see cref="IGrainStorage"/>.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IGrainState<TState>, IActivationStateLoader
{
    private readonly IGrainStorage _storage;
    private readonly string _stateName;
    private readonly GrainId _grainId;

    public PersistentState(IGrainStorage storage, string stateName, GrainId grainId)
    {
        _storage = storage;
        _stateName = stateName;
        _grainId = grainId;
        State = CreateDefault();
    }

    public TState State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        _storage.ReadStateAsync(_stateName, _grainId, this, cancellationToken);

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        _storage.WriteStateAsync(_stateName, _grainId, this, cancellationToken);

    public Task ClearStateAsync(CancellationToken cancellationToken = default) =>
        _storage.ClearStateAsync(_stateName, _grainId, this, cancellationToken);

    Task IActivationStateLoader.LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    private static TState CreateDefault() =>
        typeof(TState).IsValueType || typeof(TState).GetConstructor(Type.EmptyTypes) is null
            ? default!
            : Activator.CreateInstance<TState>();
}
