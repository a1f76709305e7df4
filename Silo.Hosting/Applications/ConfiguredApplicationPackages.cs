using OrleansPlatform.Workflows.Packages;

namespace OrleansPlatform.Silo.Hosting.Applications;

/// <summary>The packages of <c>Applications:Packages</c> as composition found them: those loaded, and every problem of those refused.</summary>
/// <param name="Loaded">the packages whose applications this silo runs.</param>
/// <param name="Problems">each prefixed with its package path; any problem stops start-up (exit code 2).</param>
internal sealed record ConfiguredApplicationPackages(IReadOnlyList<LoadedApplicationPackage> Loaded, IReadOnlyList<string> Problems);
