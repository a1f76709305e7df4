namespace OrleansPlatform.Runtime.Membership;

/// <summary>One entry of a row's <c>suspicions</c> JSON: silo <paramref name="By"/> failed to reach the row's silo at <paramref name="AtMs"/> (database clock).</summary>
internal sealed record Suspicion(string By, long AtMs);
