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

    /// <summary>
    /// Adds what the package registered to a host's services. A registration the host already has (the same service
    /// and implementation type, such as the logical-reference codecs every <c>AddWorkflowApplication</c> adds) is not
    /// added twice; everything else (the definitions, the package's own services) is.
    /// </summary>
    public void AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var descriptor in Services)
        {
            var present = descriptor.ImplementationType is { } type && services.Any(d =>
                d.ServiceType == descriptor.ServiceType && d.ImplementationType == type && Equals(d.ServiceKey, descriptor.ServiceKey));
            if (!present)
            {
                services.Add(descriptor);
            }
        }
    }
}
