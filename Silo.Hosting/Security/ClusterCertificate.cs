using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace OrleansPlatform.Silo.Hosting.Security;

/// <summary>
/// TLS between members. With <see cref="TransportOptions.CertificateAuthorityPath"/> each node presents a certificate of
/// its own and accepts a peer whose certificate chains to the cluster's CA (<c>oplat certs</c>); without it, one cluster
/// certificate shared by every member, and a peer must present that same one.
/// </summary>
internal static class ClusterCertificate
{
    public static X509Certificate2 Load(TransportOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>The cluster CA's certificate (PEM or DER) from <see cref="TransportOptions.CertificateAuthorityPath"/>, or null.</summary>
    public static X509Certificate2? LoadAuthority(TransportOptions options) =>
        options.CertificateAuthorityPath is { Length: > 0 } path ? X509CertificateLoader.LoadCertificateFromFile(path) : null;

    /// <summary>
    /// Requires a peer certificate on both ends and accepts it when it chains to <paramref name="authority"/>, or, with
    /// no authority, when it is <paramref name="certificate"/> itself (a self-signed cluster certificate has no chain to
    /// check). Host names are not checked: members dial each other by address, and membership of the cluster is what the
    /// certificate proves.
    /// </summary>
    public static void Configure(TlsOptions tls, X509Certificate2 certificate, X509Certificate2? authority)
    {
        tls.LocalCertificate = certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        if (authority is not null)
        {
            tls.RemoteCertificateValidation = (peer, _, _) => peer is not null && ClusterCertificateAuthority.IsIssuedBy(peer, authority);
            return;
        }

        var pinned = certificate.GetCertHashString();
        tls.RemoteCertificateValidation = (peer, _, _) =>
            peer is not null && string.Equals(peer.GetCertHashString(), pinned, StringComparison.OrdinalIgnoreCase);
    }
}
