namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>A counter value and the activation and silo that produced it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.counter-reading")]
public sealed record CounterReading(
    [property: Id(0)] long Value,
    [property: Id(1)] string ActivationId,
    [property: Id(2)] string Silo,
    [property: Id(3)] string ETag);
