namespace OrleansPlatform.Runtime.Storage;

/// <summary>The state and version that a storage provider reads into and writes from.</summary>
public interface IGrainState<TState>
{
    /// <summary>The state value.</summary>
    TState State { get; set; }

    /// <summary>The version held; null when nothing was ever stored.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a record exists.</summary>
    bool RecordExists { get; set; }
}
