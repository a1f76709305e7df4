using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.TestPackages.Broken;

/// <summary>Registers a definition with two problems: a connection to an unknown step and an unknown entry step.</summary>
public sealed class InvalidDefinitionPackage : IApplicationPackage
{
    public void ConfigureServices(IServiceCollection services) =>
        services.AddWorkflowApplication(new ApplicationDefinition(
            "broken",
            "Broken",
            "1.0.0",
            [
                new InteractiveStep("form", [PortDefinition.Of("show")], "Form", _ => new { }, [ActionDefinition.Of("go", "went")]),
            ],
            [Connection.Of("form", "went", "nowhere", "in")],
            "missing-entry"));
}
