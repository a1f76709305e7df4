namespace OrleansPlatform.Grains.Broadcast;

/// <summary>
/// Tells every silo that something stored in the cluster database changed and is to be read again now:
/// <paramref name="Kind"/> names what (<see cref="PlatformChangeKinds"/>), <paramref name="Key"/> optionally which.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("op.platform-change")]
public sealed record PlatformChange([property: Id(0)] string Kind, [property: Id(1)] string? Key);

/// <summary>The kinds of <see cref="PlatformChange"/>.</summary>
public static class PlatformChangeKinds
{
    /// <summary>An application was enabled, disabled or finished draining.</summary>
    public const string ApplicationStates = "application-states";

    /// <summary>A setting in <c>platform_settings</c> changed.</summary>
    public const string Settings = "settings";
}
