namespace OrleansPlatform.Runtime;

/// <summary>What the runtime offers one activation. Grain code normally reaches it through <see cref="Grain"/>.</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>A random id unique to this activation; a new activation of the same grain gets a new one.</summary>
    string ActivationId { get; }

    /// <summary>The silo's services.</summary>
    IServiceProvider Services { get; }

    /// <summary>The grain factory, for calls to other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Asks for the activation to be deactivated once the current turn completes.</summary>
    void DeactivateOnIdle();

    /// <summary>Registers a timer whose ticks run as turns of this activation and never overlap.</summary>
    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);
}
