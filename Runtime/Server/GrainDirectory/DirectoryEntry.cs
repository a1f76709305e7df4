namespace OrleansPlatform.Runtime.GrainDirectory;

/// <summary>Where a grain's single activation lives.</summary>
public sealed record DirectoryEntry(GrainId GrainId, string SiloId, string ActivationId);
