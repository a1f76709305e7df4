namespace OrleansPlatform.Runtime.Catalog;

/// <summary>A grain class registered with the silo builder; collected from DI when the registry is built.</summary>
internal sealed record GrainClassRegistration(Type GrainClass);
