using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.TestPackages.WithGrain;

/// <summary>Registers a valid application: the package's only problem is its grain type.</summary>
public sealed class WithGrainPackage : IApplicationPackage
{
    public void ConfigureServices(IServiceCollection services) =>
        services.AddWorkflowApplication(new ApplicationDefinition(
            "with-grain",
            "With a grain",
            "1.0.0",
            [new InteractiveStep("form", [PortDefinition.Of("show")], "Form", _ => new { }, [ActionDefinition.Of("again", "again")])],
            [Connection.Of("form", "again", "form", "show")],
            "form"));
}
