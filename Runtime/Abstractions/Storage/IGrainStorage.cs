namespace OrleansPlatform.Runtime.Storage;

/// <summary>
/// A grain state storage provider. Writes and clears are conditional on the ETag held by <c>grainState</c>: a mismatch
/// throws <see cref="InconsistentStateException"/> and leaves the stored record unchanged. Providers are registered
/// by name (keyed services); <c>Default</c> is the one grains get unless they name another.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state; when none is stored sets a default state, a null ETag and RecordExists=false.</summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);

    /// <summary>Writes the state conditionally on its ETag and updates the ETag.</summary>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);

    /// <summary>Clears the state conditionally on its ETag. Clearing state never written is a no-op.</summary>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);
}
