using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Silo.Hosting;

namespace OrleansPlatform.Workflows.Testing;

/// <summary>
/// A platform silo host in this process, composed exactly as the Silo executable composes it
/// (<c>AddOrleansPlatformSilo</c>) from in-memory settings: what <see cref="WorkflowTestHost"/>, the platform's own
/// test silos and the benchmarks start.
/// </summary>
public static class InProcessSilo
{
    /// <summary>How long <see cref="StopAsync"/> lets the silo stop gracefully.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Builds and starts a silo with <paramref name="settings"/> (configuration keys, <c>Section:Key</c>); the services
    /// <paramref name="configure"/> adds are registered before the platform's. A failed start disposes the host and throws.
    /// </summary>
    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null, LogLevel minimumLevel = LogLevel.Warning)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(minimumLevel);
        configure?.Invoke(builder.Services);
        builder.AddOrleansPlatformSilo();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>Stops <paramref name="host"/> gracefully (bounded by <see cref="StopTimeout"/>) and disposes it.</summary>
    public static async Task StopAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
