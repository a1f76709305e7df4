namespace OrleansPlatform.Silo.Hosting.Security;

/// <summary>How members of the cluster recognise each other (section <c>Transport</c>).</summary>
public sealed class TransportOptions
{
    /// <summary>The configuration section: <c>Transport</c>.</summary>
    public const string SectionName = "Transport";

    /// <summary>
    /// A secret every silo and cluster client shares; each connection proves it (HMAC over fresh nonces from both ends)
    /// before Orleans sees a byte, or is closed. Required, at least 16 characters. Pass it in the environment
    /// (<c>ORLEANSPLATFORM_Transport__ClusterSecret</c>); it is never logged.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>A .pfx file that turns on TLS between members (each peer must present this same certificate). Default: none.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The cluster CA's certificate (PEM or DER, no key), for mutual TLS with a certificate per node: each member presents
    /// its own <see cref="CertificatePath"/> (issued by <c>oplat certs node</c>) and accepts only a peer whose certificate
    /// chains to this CA. Needs <see cref="CertificatePath"/>. Default: none (one shared cluster certificate, pinned).
    /// </summary>
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>How long a new connection may take to prove the secret. Default 5 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
