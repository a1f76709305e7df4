using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;
using OrleansPlatform.Silo.Hosting.Kubernetes;

namespace OrleansPlatform.Silo.Hosting.Tests.Kubernetes;

public sealed class KubernetesHostingTests
{
    [Fact]
    public void Enabled_registers_orleans_kubernetes_hosting()
    {
        var services = Compose("true");

        Assert.Contains(services, d => d.ServiceType == typeof(IConfigureOptions<KubernetesHostingOptions>));
        Assert.Contains(services, d => d.ServiceType == typeof(IValidateOptions<KubernetesHostingOptions>));
        Assert.Contains(services, d => d.ImplementationType?.Name == "KubernetesClusterAgent");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void Off_by_default_and_when_false(string? enabled)
    {
        var services = Compose(enabled);

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IConfigureOptions<KubernetesHostingOptions>));
        Assert.DoesNotContain(services, d => d.ImplementationType?.Name == "KubernetesClusterAgent");
    }

    [Fact]
    public void Other_keys_of_the_section_reach_orleans_options()
    {
        var services = Compose("true", ("Kubernetes:MaxAgents", "3"), ("Kubernetes:DeleteDefunctSiloPods", "true"));

        // Orleans' validator wants the pod's environment (absent here; the next test shows it); the bound keys are what matter.
        services.RemoveAll<IValidateOptions<KubernetesHostingOptions>>();
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<KubernetesHostingOptions>>().CurrentValue;

        Assert.Equal(3, options.MaxAgents);
        Assert.True(options.DeleteDefunctSiloPods);
    }

    [Fact]
    public void Enabled_outside_a_pod_is_refused_naming_the_missing_pod_environment()
    {
        using var provider = Compose("true").BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesHostingOptions>>().Value);
        Assert.Contains("POD_NAMESPACE", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_fails_start_up_validation()
    {
        var services = Compose("yes please");
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotContain(services, d => d.ImplementationType?.Name == "KubernetesClusterAgent");
        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<KubernetesSettings>>().Value);
        Assert.Contains("Kubernetes:Enabled", failure.Message, StringComparison.Ordinal);
    }

    private static IServiceCollection Compose(string? enabled, params (string Key, string Value)[] more)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Transport:ClusterSecret"] = "a-secret-of-at-least-16-characters",
        };
        if (enabled is not null)
        {
            values["Kubernetes:Enabled"] = enabled;
        }

        foreach (var (key, value) in more)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.AddOrleansPlatformSilo();
        return builder.Services;
    }
}
