namespace OrleansPlatform.Runtime;

/// <summary>Why an activation is being deactivated; passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public enum DeactivationReason
{
    /// <summary>The activation was idle for longer than the collection age.</summary>
    IdleCollection = 0,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested = 1,

    /// <summary>The silo is shutting down gracefully.</summary>
    ShuttingDown = 2,

    /// <summary>Activation failed; the activation is discarded.</summary>
    ActivationFailed = 3,

    /// <summary>The silo lost its right to host the grain (directory or membership fencing).</summary>
    Fenced = 4,
}
