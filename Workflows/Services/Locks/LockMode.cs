namespace OrleansPlatform.Workflows.Locks;

/// <summary>How a cluster lock is held. The numeric values are stored in the cluster database and never change.</summary>
public enum LockMode
{
    /// <summary>The only holder: granted when no other live holder of either mode exists.</summary>
    Exclusive = 0,

    /// <summary>One of any number of readers: granted when no live exclusive holder exists.</summary>
    Shared = 1,
}
