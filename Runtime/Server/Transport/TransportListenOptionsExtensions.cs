using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>Plugs the transport into a Kestrel endpoint of an ASP.NET Core application.</summary>
public static class TransportListenOptionsExtensions
{
    /// <summary>
    /// Serves the transport on this endpoint: TLS (when <see cref="TransportOptions.UseTls"/>) then
    /// <see cref="SiloConnectionHandler"/>. Needs <c>services.AddSiloTransport(...)</c> and an <see cref="IFrameHandler"/>
    /// registration. Example: <c>builder.WebHost.ConfigureKestrel(k =&gt; k.ListenLocalhost(11111, l =&gt; l.UseSiloTransport()))</c>.
    /// </summary>
    public static ListenOptions UseSiloTransport(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var options = listenOptions.ApplicationServices.GetRequiredService<IOptions<TransportOptions>>().Value;
        return UseSiloTransport(listenOptions, options);
    }

    internal static ListenOptions UseSiloTransport(ListenOptions listenOptions, TransportOptions options)
    {
        if (options.UseTls)
        {
            var certificate = options.Certificate
                ?? throw new InvalidOperationException("TransportOptions.UseTls is set but TransportOptions.Certificate is not: a listener needs a server certificate.");
            listenOptions.UseHttps(certificate);
        }

        listenOptions.UseConnectionHandler<SiloConnectionHandler>();
        return listenOptions;
    }
}
