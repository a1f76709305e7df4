using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansPlatform.Runtime.Transport;

/// <summary><see cref="IConnectionPool"/>: one <see cref="SiloConnection"/> per endpoint, created on first request.</summary>
internal sealed class ConnectionPool : IConnectionPool, IDisposable
{
    private readonly ConcurrentDictionary<EndPoint, SiloConnection> _connections = new();
    private readonly TransportOptions _options;
    private readonly byte[] _key;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    public ConnectionPool(TransportOptions options, ILoggerFactory? loggerFactory)
    {
        TransportOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _key = HandshakeProof.DeriveKey(options.ClusterSecret);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ConnectionPool>();
    }

    public ISiloConnection GetConnection(EndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connections.TryGetValue(endPoint, out var existing))
        {
            return existing;
        }

        // A losing racer's instance never connected, so it holds nothing worth releasing.
        return _connections.GetOrAdd(endPoint, new SiloConnection(endPoint, _options, _key, _logger));
    }

    public async ValueTask RemoveAsync(EndPoint endPoint)
    {
        if (_connections.TryRemove(endPoint, out var connection))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var entry in _connections)
        {
            if (_connections.TryRemove(entry.Key, out var connection))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _connections)
        {
            if (_connections.TryRemove(entry.Key, out var connection))
            {
                connection.Abort();
            }
        }
    }
}
