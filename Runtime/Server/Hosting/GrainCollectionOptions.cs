namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Idle collection of activations.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>An activation idle for this long is deactivated. Default 15 minutes (as in Orleans).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations. Default 1 minute; must not exceed <see cref="CollectionAge"/>.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one activation's <c>OnDeactivateAsync</c> may take before it is abandoned. Default 30 seconds.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
