namespace OrleansPlatform.Grains.Sessions;

/// <summary>An action the user took on the current view, with the inputs typed and the client's sequence number.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.session-action")]
public sealed record SessionAction(
    [property: Id(0)] string Action,
    [property: Id(1)] IReadOnlyDictionary<string, string?> Inputs,
    [property: Id(2)] long Seq);
