using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Hosting;

namespace OrleansPlatform.TestPackages.Broken;

/// <summary>An entry point that throws while it registers.</summary>
public sealed class ThrowingPackage : IApplicationPackage
{
    public void ConfigureServices(IServiceCollection services) =>
        throw new InvalidOperationException("the broken package's entry point cannot start");
}
