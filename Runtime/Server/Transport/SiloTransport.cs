using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>Factories for the client side of the transport, for code that does not use dependency injection.</summary>
public static class SiloTransport
{
    /// <summary>Creates a pool holding one connection per remote endpoint. Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> for invalid options.</summary>
    public static IConnectionPool CreateConnectionPool(TransportOptions options, ILoggerFactory? loggerFactory = null) =>
        new ConnectionPool(options, loggerFactory);

    /// <summary>Creates a standalone connection to <paramref name="endPoint"/> (connects on first use).</summary>
    public static ISiloConnection CreateConnection(EndPoint endPoint, TransportOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        TransportOptionsValidator.ThrowIfInvalid(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ConnectionPool>();
        return new SiloConnection(endPoint, options, HandshakeProof.DeriveKey(options.ClusterSecret), logger);
    }
}
