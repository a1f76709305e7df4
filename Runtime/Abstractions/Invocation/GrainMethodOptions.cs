namespace OrleansPlatform.Runtime.Invocation;

/// <summary>Per-method call options taken from attributes at compile time.</summary>
[Flags]
public enum GrainMethodOptions
{
    /// <summary>An ordinary request/response call.</summary>
    None = 0,

    /// <summary>No response; see <see cref="OneWayAttribute"/>.</summary>
    OneWay = 1,

    /// <summary>May interleave with any request; see <see cref="AlwaysInterleaveAttribute"/>.</summary>
    AlwaysInterleave = 2,
}
