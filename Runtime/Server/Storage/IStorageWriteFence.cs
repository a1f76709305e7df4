namespace OrleansPlatform.Runtime.Storage;

/// <summary>
/// Makes grain state writes conditional, in the same statement, on this silo still being an Active (or draining)
/// member in the cluster database. A silo declared dead (frozen, partitioned) can then never land a write, even from
/// an activation that resumes in the middle of a turn and still holds the current ETag.
/// </summary>
public interface IStorageWriteFence
{
    /// <summary>The cluster id of the membership row that must be live.</summary>
    string ClusterId { get; }

    /// <summary>The silo id whose membership row must be Active or ShuttingDown.</summary>
    string SiloId { get; }
}
