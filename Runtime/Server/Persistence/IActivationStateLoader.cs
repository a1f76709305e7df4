namespace OrleansPlatform.Runtime.Persistence;

/// <summary>Something the activation must load before <see cref="Grain.OnActivateAsync"/> runs.</summary>
internal interface IActivationStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
