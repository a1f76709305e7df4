using Microsoft.Extensions.DependencyInjection;

namespace OrleansPlatform.Workflows.Hosting;

/// <summary>
/// The entry point of an application package: an assembly (or a <c>dotnet publish</c> folder) that a silo loads from
/// configuration (<c>Applications:Packages</c>) in an <c>AssemblyLoadContext</c> of its own. A package has one or more
/// public, non-abstract types implementing this interface with a public parameterless constructor; the silo creates
/// each and calls <see cref="ConfigureServices"/>.
/// </summary>
public interface IApplicationPackage
{
    /// <summary>
    /// Registers the package's application definitions (<c>services.AddWorkflowApplication(...)</c>) and the services
    /// its steps need. Every definition is validated before the package is accepted.
    /// </summary>
    void ConfigureServices(IServiceCollection services);
}
