using System.Net;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>Hands out one shared <see cref="ISiloConnection"/> per remote endpoint. Thread-safe.</summary>
public interface IConnectionPool : IAsyncDisposable
{
    /// <summary>The connection to <paramref name="endPoint"/> (created lazily; connects on first send).</summary>
    ISiloConnection GetConnection(EndPoint endPoint);

    /// <summary>Closes and forgets the connection to <paramref name="endPoint"/> (e.g. the node left the cluster).</summary>
    ValueTask RemoveAsync(EndPoint endPoint);
}
