namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>How long each of a series of grain-to-grain calls took, and on which silos the caller and the callee ran.</summary>
/// <param name="Silo">The silo of the calling grain (<c>address:port@generation</c>).</param>
/// <param name="TargetSilo">The silo that answered the last call.</param>
/// <param name="Microseconds">The duration of each call, in order.</param>
[GenerateSerializer]
[Immutable]
[Alias("op.call-timings")]
public sealed record CallTimings(
    [property: Id(0)] string Silo,
    [property: Id(1)] string TargetSilo,
    [property: Id(2)] IReadOnlyList<double> Microseconds);
