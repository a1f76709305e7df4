using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Packages;

namespace OrleansPlatform.Silo.Hosting.Applications;

/// <summary>Loads the application packages named in configuration into a silo's services.</summary>
public static class ApplicationPackageHostingExtensions
{
    /// <summary>
    /// Loads every package of <c>Applications:Packages</c>, each in its own load context, runs its entry points into
    /// <paramref name="services"/> and validates its definitions. A refused package does not stop composition: start-up
    /// fails with every problem of every package (one line, exit code 2), before the silo joins the cluster.
    /// </summary>
    public static IServiceCollection AddConfiguredApplicationPackages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var paths = configuration.GetSection(ApplicationPackagesOptions.SectionName).GetSection(nameof(ApplicationPackagesOptions.Packages))
            .GetChildren().Select(c => c.Value).OfType<string>().Where(p => p.Trim().Length > 0).ToList();
        var loaded = new List<LoadedApplicationPackage>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                var package = ApplicationPackageLoader.Load(path.Trim());
                var taken = services.Select(d => d.ImplementationInstance).OfType<ApplicationDefinition>().Select(a => (a.Id, a.Version)).ToHashSet();
                var clashes = package.Applications.Where(a => taken.Contains((a.Id, a.Version))).ToList();
                if (clashes.Count > 0)
                {
                    problems.AddRange(clashes.Select(a => $"Applications:Packages '{path}': {a.Id} {a.Version} is already registered (bundled, or by another package); give the package another version."));
                    continue;
                }

                package.AddTo(services);
                loaded.Add(package);
            }
            catch (InvalidApplicationPackageException refused)
            {
                problems.AddRange(refused.Problems.Select(p => $"Applications:Packages '{path}': {p}"));
            }
        }

        var configured = new ConfiguredApplicationPackages(loaded, problems);
        services.AddSingleton(configured);
        services.AddOptions<ApplicationPackagesOptions>().Bind(configuration.GetSection(ApplicationPackagesOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApplicationPackagesOptions>, ApplicationPackagesValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ApplicationPackagesReport>());
        return services;
    }
}
