using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// Settings of the silo-to-silo and client-to-silo transport. Validated by <see cref="TransportOptionsValidator"/>.
/// </summary>
public sealed class TransportOptions
{
    /// <summary>Default for <see cref="MaxFrameSize"/>: 16 MiB.</summary>
    public const int DefaultMaxFrameSize = 16 * 1024 * 1024;

    /// <summary>Smallest accepted <see cref="MaxFrameSize"/>: 1 KiB.</summary>
    public const int MinMaxFrameSize = 1024;

    /// <summary>Minimum length of <see cref="ClusterSecret"/>.</summary>
    public const int MinClusterSecretLength = 16;

    /// <summary>Maximum length, in UTF-8 bytes, of <see cref="ClusterId"/> and <see cref="NodeId"/>.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The cluster this node belongs to. Required; peers with another cluster id are refused.</summary>
    public string ClusterId { get; set; } = string.Empty;

    /// <summary>
    /// This node's id, announced to peers in the handshake. Default: <c>{machine name}-{process id}</c>.
    /// </summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// The secret shared by all members of the cluster (required, at least 16 characters). It never crosses the wire
    /// (the handshake sends HMAC-SHA256 proofs over the peer's random nonce) and is never logged.
    /// </summary>
    public string ClusterSecret { get; set; } = string.Empty;

    /// <summary>Time allowed for the whole handshake of a connection. Default 5 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed to establish a TCP (and TLS) connection. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Largest accepted frame payload (header blob + body blob), in bytes. Default 16 MiB. A peer announcing a larger
    /// frame has its connection closed (logged as an error) before anything is allocated; sending a larger frame throws
    /// <see cref="FrameTooLargeException"/> locally.
    /// </summary>
    public int MaxFrameSize { get; set; } = DefaultMaxFrameSize;

    /// <summary>
    /// Server side: the most request/one-way frames of one connection being handled at once. When reached, the
    /// connection stops reading (TCP backpressure reaches the peer) until a handler completes. Default 1000.
    /// </summary>
    public int MaxInFlightRequestsPerConnection { get; set; } = 1000;

    /// <summary>Timeout used by the <c>SendRequestAsync</c> overload without one. Default 30 s.</summary>
    public TimeSpan DefaultRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Client side: after this long without receiving anything, a ping is sent. <see cref="TimeSpan.Zero"/> disables
    /// pinging. Default 10 s.
    /// </summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Client side: a connection whose ping got no traffic back within this time is declared lost. Default 10 s.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Client side: backoff after the first failed (re)connect attempt; doubles per failure. Default 100 ms.</summary>
    public TimeSpan ReconnectBackoffMin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Client side: upper bound of the reconnect backoff. Default 5 s.</summary>
    public TimeSpan ReconnectBackoffMax { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Use TLS. Listeners then require <see cref="Certificate"/>; clients wrap connections in an <see cref="SslStream"/>.
    /// Default false. The HMAC handshake runs inside TLS either way.
    /// </summary>
    public bool UseTls { get; set; }

    /// <summary>Listener side: the server certificate (with private key), required when <see cref="UseTls"/> is set.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// A PKCS#12 (.pfx) file with the cluster's certificate and private key; setting it turns TLS on. Every member
    /// presents it and accepts peers presenting the same certificate (pinned by thumbprint) unless
    /// <see cref="RemoteCertificateValidation"/> is set. Default: none (no TLS).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>; pass it through the environment, never the command line. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Client side: the TLS target host (SNI and name validation). Default: the endpoint's host or IP address.</summary>
    public string? TlsTargetHost { get; set; }

    /// <summary>
    /// Client side: custom validation of the server certificate (e.g. pinning a self-signed certificate). Default:
    /// the platform's chain and name validation.
    /// </summary>
    public RemoteCertificateValidationCallback? RemoteCertificateValidation { get; set; }
}
