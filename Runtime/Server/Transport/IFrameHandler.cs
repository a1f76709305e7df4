namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// The runtime's entry point for inbound traffic. The transport calls it for every <see cref="FrameKind.Request"/> and
/// <see cref="FrameKind.OneWay"/> frame on an authenticated connection, concurrently (on thread-pool threads, up to
/// <see cref="TransportOptions.MaxInFlightRequestsPerConnection"/> at a time per connection).
/// </summary>
public interface IFrameHandler
{
    /// <summary>
    /// Handles one frame. For a request, the returned response is written back with the request's correlation id
    /// (<see langword="null"/> sends an empty response; an exception sends an error response with empty blobs). For a
    /// one-way frame the result is ignored. <paramref name="cancellationToken"/> is canceled when the connection closes.
    /// The frame's memory is valid until the returned task completes and its response has been written; the response may
    /// therefore alias the request's memory.
    /// </summary>
    ValueTask<ResponseFrame?> HandleAsync(InboundFrame frame, PeerInfo peer, CancellationToken cancellationToken);
}
