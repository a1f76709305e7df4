namespace OrleansPlatform.ClusterBench;

/// <summary>The result of a retried call: the value (when <see cref="Error"/> is null), attempts made, failed attempts by exception type.</summary>
internal sealed record RetryOutcome<T>(T? Value, int Attempts, IReadOnlyDictionary<string, int> Failures, string? Error);
