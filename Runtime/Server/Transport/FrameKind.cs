namespace OrleansPlatform.Runtime.Transport;

/// <summary>The kind of a transport frame. The wire value is one byte.</summary>
public enum FrameKind : byte
{
    /// <summary>A request that expects exactly one <see cref="Response"/> with the same correlation id.</summary>
    Request = 1,

    /// <summary>The answer to a <see cref="Request"/>, carrying the request's correlation id.</summary>
    Response = 2,

    /// <summary>A message that expects no answer.</summary>
    OneWay = 3,

    /// <summary>A liveness probe; the peer answers with a <see cref="Pong"/> carrying the same correlation id.</summary>
    Ping = 4,

    /// <summary>The answer to a <see cref="Ping"/>.</summary>
    Pong = 5,

    /// <summary>The sender is closing the connection gracefully.</summary>
    Close = 6,

    /// <summary>Handshake: identity and nonce. Only valid before the handshake completes.</summary>
    Hello = 16,

    /// <summary>Handshake: proof of knowledge of the cluster secret. Only valid before the handshake completes.</summary>
    Proof = 17,
}
