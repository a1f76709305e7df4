using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Transport;

/// <summary>
/// Loads <see cref="TransportOptions.CertificatePath"/> into <see cref="TransportOptions.Certificate"/> and turns TLS
/// on, pinning peers to the same certificate, so a cluster can be secured from configuration alone.
/// </summary>
internal sealed class TransportCertificateLoader : IPostConfigureOptions<TransportOptions>
{
    public void PostConfigure(string? name, TransportOptions options)
    {
        if (string.IsNullOrEmpty(options.CertificatePath) || options.Certificate is not null)
        {
            return;
        }

        if (!File.Exists(options.CertificatePath))
        {
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(TransportOptions),
                [$"Transport:CertificatePath '{options.CertificatePath}' does not exist."]);
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        options.Certificate = certificate;
        options.UseTls = true;
        options.TlsTargetHost ??= certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var pinned = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        options.RemoteCertificateValidation ??= (_, remote, _, _) =>
            remote is not null && string.Equals(remote.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), pinned, StringComparison.Ordinal);
    }
}
