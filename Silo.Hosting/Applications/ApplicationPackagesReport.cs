using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Silo.Hosting.Applications;

/// <summary>Logs each configured package with the applications it brought, once at start.</summary>
internal sealed class ApplicationPackagesReport(ConfiguredApplicationPackages packages, ILogger<ApplicationPackagesReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var package in packages.Loaded)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var applications = string.Join(", ", package.Applications.Select(a => $"{a.Id} {a.Version}"));
                HostingLog.PackageLoaded(logger, package.Path, package.AssemblyPath, applications);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
