namespace OrleansPlatform.Runtime.GrainDirectory;

/// <summary>The cluster's grain directory, in the cluster database.</summary>
public interface IGrainDirectory
{
    /// <summary>
    /// Registers an activation unless the grain already has one; returns the entry that holds (ours or the earlier
    /// one), or null when this silo may not register (it is not Active in membership).
    /// </summary>
    Task<DirectoryEntry?> RegisterAsync(GrainId grainId, string siloId, string activationId, CancellationToken cancellationToken);

    /// <summary>The grain's entry, if any.</summary>
    Task<DirectoryEntry?> LookupAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Removes the entry if it still names that activation.</summary>
    Task UnregisterAsync(DirectoryEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the entry if it still names that activation AND its silo is Dead (or gone) in the membership table:
    /// decided by the database in one statement, so a silo with a stale view cannot remove a live silo's entry.
    /// </summary>
    Task UnregisterIfOwnerDeadAsync(DirectoryEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes every entry of a silo (declared dead); returns how many.</summary>
    Task<int> RemoveSiloAsync(string siloId, CancellationToken cancellationToken);
}
