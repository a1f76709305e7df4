namespace OrleansPlatform.Runtime.Catalog;

/// <summary>Outside a cluster every activation is the only one.</summary>
internal sealed class LocalActivationRegistrar : IActivationRegistrar
{
    public Task<bool> TryRegisterAsync(ActivationData activation, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task UnregisterAsync(ActivationData activation, CancellationToken cancellationToken) => Task.CompletedTask;
}
