using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting.Kubernetes;

namespace OrleansPlatform.Silo.Hosting.Kubernetes;

/// <summary>A silo in a Kubernetes pod: Orleans' Kubernetes hosting when <c>Kubernetes:Enabled</c> is true.</summary>
public static class PlatformKubernetesHostingExtensions
{
    /// <summary>
    /// Calls Orleans' <c>UseKubernetesHosting</c> when <c>Kubernetes:Enabled</c> is true, with the other keys of the
    /// section bound to its <see cref="KubernetesHostingOptions"/> (<c>MaxAgents</c>, <c>MaxKubernetesApiRetryAttempts</c>,
    /// <c>DeleteDefunctSiloPods</c>); otherwise registers nothing. Call it after the platform's own configuration of the
    /// silo: Orleans' hosting then names the silo after its pod, and its cluster and service ids stay the platform's
    /// <c>Silo:ClusterId</c> and <c>Silo:ServiceId</c> (the pod's <c>orleans/*</c> labels must carry the same values) unless
    /// <c>ORLEANS_CLUSTER_ID</c> / <c>ORLEANS_SERVICE_ID</c> are set, which the manifests do not do.
    /// </summary>
    public static ISiloBuilder AddPlatformKubernetesHosting(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KubernetesSettings.SectionName);

        // Bound again at start-up, so a value that is not a boolean stops the silo with one line naming it
        // (StartupErrorReporter) instead of a stack trace here; composition meanwhile goes on without Kubernetes.
        silo.Services.AddOptions<KubernetesSettings>().Bind(section).ValidateOnStart();
        var settings = new KubernetesSettings();
        try
        {
            section.Bind(settings);
        }
        catch (InvalidOperationException)
        {
            return silo;
        }

        if (!settings.Enabled)
        {
            return silo;
        }

        return silo.UseKubernetesHosting(options => options.Bind(section));
    }
}
