namespace OrleansPlatform.Runtime.Catalog;

/// <summary>
/// Claims and releases the cluster-wide right to host an activation (the grain directory). A silo outside a cluster
/// always owns its activations.
/// </summary>
internal interface IActivationRegistrar
{
    /// <summary>True when this activation is now the grain's only activation; false when another one won.</summary>
    Task<bool> TryRegisterAsync(ActivationData activation, CancellationToken cancellationToken);

    /// <summary>Releases the claim (only if it is still this activation's).</summary>
    Task UnregisterAsync(ActivationData activation, CancellationToken cancellationToken);
}
