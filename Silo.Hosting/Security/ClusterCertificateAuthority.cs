using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansPlatform.Silo.Hosting.Security;

/// <summary>
/// The cluster's own certificate authority for mutual TLS between members (<c>oplat certs</c>): a CA that signs one
/// certificate per node. Every member presents its node certificate and accepts a peer only when the peer's certificate
/// chains to this CA (<c>Transport:CertificateAuthorityPath</c>), so nodes get certificates of their own and a stolen one
/// can be replaced without touching the others. ECDSA P-256 keys, SHA-256 signatures.
/// </summary>
public static class ClusterCertificateAuthority
{
    /// <summary>A new CA certificate with its private key, valid from <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static X509Certificate2 CreateAuthority(string name, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now + lifetime);
    }

    /// <summary>
    /// A node certificate signed by <paramref name="authority"/> (which must carry its private key), for both ends of a
    /// connection (server and client authentication), naming <paramref name="dnsNames"/> and <paramref name="addresses"/>.
    /// </summary>
    public static X509Certificate2 IssueNode(X509Certificate2 authority, string nodeName, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + nodeName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(nodeName);
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        var notAfter = now + lifetime < authority.NotAfter ? now + lifetime : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="authority"/> alone (no system roots).</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }
}
