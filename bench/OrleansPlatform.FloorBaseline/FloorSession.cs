using OrleansPlatform.Baselines;

namespace OrleansPlatform.FloorBaseline;

/// <summary>A session in memory: its last applied seq, state and page (guarded by the object's lock).</summary>
public sealed class FloorSession
{
    /// <summary>The last applied interaction.</summary>
    public long Seq { get; set; }

    /// <summary>The state the row holds too.</summary>
    public PageState State { get; set; } = BaselineApi.Initial;

    /// <summary>The page the last interaction answered (null before the first search).</summary>
    public CatalogPage? Page { get; set; }
}
