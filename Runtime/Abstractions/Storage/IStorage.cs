namespace OrleansPlatform.Runtime;

/// <summary>A grain's view of one piece of stored state.</summary>
public interface IStorage<TState>
{
    /// <summary>The state; a fresh default instance when nothing was stored.</summary>
    TState State { get; set; }

    /// <summary>The stored version this state was read at or last written as; null when never stored.</summary>
    string? ETag { get; }

    /// <summary>True when a record exists in storage (written and not cleared).</summary>
    bool RecordExists { get; }

    /// <summary>Re-reads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state if storage still holds <see cref="ETag"/>; otherwise throws <see cref="InconsistentStateException"/> and changes nothing.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the stored state (ETag-checked like a write). Clearing state that was never written is not an error.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
