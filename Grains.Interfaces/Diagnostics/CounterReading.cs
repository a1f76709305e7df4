namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>A counter value and the activation and silo that produced it.</summary>
public sealed record CounterReading(long Value, string ActivationId, string SiloName, string ETag);
