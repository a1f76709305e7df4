namespace OrleansPlatform.Baselines;

/// <summary>One parsed <c>{action, inputs, seq}</c> body (<paramref name="Keyword"/>: the <c>keyword</c> input, when not blank).</summary>
public sealed record ActionRequest(string Action, long Seq, string? Keyword);
