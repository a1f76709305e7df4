namespace OrleansPlatform.Grains.Broadcast;

/// <summary>A silo service that re-reads what a <see cref="PlatformChange"/> of its <see cref="Kind"/> announces.</summary>
public interface IPlatformChangeHandler
{
    /// <summary>The <see cref="PlatformChange.Kind"/> handled.</summary>
    string Kind { get; }

    /// <summary>Applies the change on this silo.</summary>
    Task ApplyAsync(PlatformChange change, CancellationToken cancellationToken);
}
