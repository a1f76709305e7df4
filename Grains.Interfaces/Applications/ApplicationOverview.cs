using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Applications;

/// <summary>
/// One application for operators: every registered version, its state and since when, and its live sessions (records
/// not yet expired) per silo that last served them.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("op.application-overview")]
public sealed record ApplicationOverview(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<string> Versions,
    [property: Id(3)] ApplicationState State,
    [property: Id(4)] DateTimeOffset? ChangedAt,
    [property: Id(5)] IReadOnlyDictionary<string, int> LiveSessionsBySilo)
{
    /// <summary>Live sessions on all silos.</summary>
    public int LiveSessions => LiveSessionsBySilo.Values.Sum();
}
