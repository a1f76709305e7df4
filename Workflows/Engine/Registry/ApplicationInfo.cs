namespace OrleansPlatform.Workflows.Registry;

/// <summary>A registered application as the Gateway lists it: its newest version and its state.</summary>
[GenerateSerializer]
[Immutable]
[Alias("op.application-info")]
public sealed record ApplicationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Version,
    [property: Id(3)] ApplicationState State)
{
    /// <summary>True when new sessions may start.</summary>
    public bool Enabled => State == ApplicationState.Enabled;
}
