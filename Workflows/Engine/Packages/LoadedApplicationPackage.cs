using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Packages;

/// <summary>
/// An application package that loaded and passed validation: its definitions, and every service its entry points
/// registered (the definitions among them), to be added to the silo's services.
/// </summary>
/// <param name="Path">the package path as given (an assembly or a folder).</param>
/// <param name="AssemblyPath">the package's main assembly.</param>
/// <param name="Applications">the application definitions it registers, validated.</param>
/// <param name="Services">what its entry points registered.</param>
public sealed record LoadedApplicationPackage(string Path, string AssemblyPath, IReadOnlyList<ApplicationDefinition> Applications, IReadOnlyList<ServiceDescriptor> Services)
{
    /// <summary>The package's load context (unload it only when it is collectible and nothing of it is in use).</summary>
    public required AssemblyLoadContext LoadContext { get; init; }
}
