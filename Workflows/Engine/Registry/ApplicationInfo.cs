namespace OrleansPlatform.Workflows.Registry;

/// <summary>A registered application as the Gateway lists it: its newest version, its other versions and its state.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.application-info")]
public sealed record ApplicationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Version,
    [property: Id(3)] ApplicationState State)
{
    /// <summary>What the application is for, in a sentence (empty when its author gave none).</summary>
    [Id(4)]
    public string Description { get; init; } = "";

    /// <summary>Every version registered on the silo that answered, oldest first; sessions keep the version they started on.</summary>
    [Id(5)]
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>True when new sessions may start.</summary>
    public bool Enabled => State == ApplicationState.Enabled;
}
