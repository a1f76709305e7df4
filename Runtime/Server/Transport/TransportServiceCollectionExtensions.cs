using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>Dependency-injection registration of the transport.</summary>
public static class TransportServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TransportOptions"/> (validated at startup), <see cref="SiloConnectionHandler"/> (for
    /// <c>ListenOptions.UseSiloTransport()</c>) and a singleton <see cref="IConnectionPool"/>. The runtime registers its
    /// own <see cref="IFrameHandler"/>.
    /// </summary>
    public static IServiceCollection AddSiloTransport(this IServiceCollection services, Action<TransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<TransportOptions>().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransportOptions>, TransportOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TransportOptions>, TransportCertificateLoader>());
        services.TryAddSingleton<SiloConnectionHandler>();
        services.TryAddSingleton<IConnectionPool>(sp => new ConnectionPool(sp.GetRequiredService<IOptions<TransportOptions>>().Value, sp.GetService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// Hosts a <see cref="TransportListener"/> on <paramref name="endPoint"/> as a hosted service (works in a plain
    /// Generic Host). Also resolvable as <see cref="TransportListener"/> (e.g. for its bound endpoint).
    /// </summary>
    public static IServiceCollection AddSiloTransportListener(this IServiceCollection services, IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endPoint);
        services.TryAddSingleton(sp => new TransportListener(
            endPoint,
            sp.GetRequiredService<IFrameHandler>(),
            sp.GetRequiredService<IOptions<TransportOptions>>(),
            sp.GetService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<TransportListener>());
        return services;
    }
}
