using OrleansPlatform.Runtime.Storage;

namespace OrleansPlatform.Runtime.Tests.Storage;

/// <summary>A plain <see cref="IGrainState{TState}"/> as an activation would hold it.</summary>
public sealed class TestGrainState<TState> : IGrainState<TState>
{
    public TState State { get; set; } = default!;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
