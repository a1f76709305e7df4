namespace OrleansPlatform.Runtime.Transport;

/// <summary>Which side of a connection a handshake participant is. Part of every proof, so proofs cannot be reflected.</summary>
internal enum HandshakeRole : byte
{
    /// <summary>The side that opened the connection.</summary>
    Client = 1,

    /// <summary>The side that accepted the connection.</summary>
    Server = 2,
}
