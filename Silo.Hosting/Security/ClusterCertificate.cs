using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace OrleansPlatform.Silo.Hosting.Security;

/// <summary>TLS between members with one cluster certificate: each side presents it and accepts only a peer presenting the same one.</summary>
internal static class ClusterCertificate
{
    public static X509Certificate2 Load(TransportOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>Requires a peer certificate and pins it to ours (a self-signed cluster certificate has no chain to check).</summary>
    public static void Configure(TlsOptions tls, X509Certificate2 certificate)
    {
        var pinned = certificate.GetCertHashString();
        tls.LocalCertificate = certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (peer, _, _) =>
            peer is not null && string.Equals(peer.GetCertHashString(), pinned, StringComparison.OrdinalIgnoreCase);
    }
}
