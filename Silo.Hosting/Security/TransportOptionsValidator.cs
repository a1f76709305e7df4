using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Silo.Hosting.Security;

/// <summary>Validates <see cref="TransportOptions"/> (the secret's value never appears in a message).</summary>
internal sealed class TransportOptionsValidator : IValidateOptions<TransportOptions>
{
    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.ClusterSecret))
        {
            failures.Add("Transport:ClusterSecret is required: every member of the cluster must share it (set ORLEANSPLATFORM_Transport__ClusterSecret).");
        }
        else if (options.ClusterSecret.Length < 16)
        {
            failures.Add($"Transport:ClusterSecret must be at least 16 characters (it has {options.ClusterSecret.Length}).");
        }

        if (options.CertificatePath is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                failures.Add($"Transport:CertificatePath '{path}' does not exist.");
            }
            else
            {
                try
                {
                    using var certificate = ClusterCertificate.Load(options);
                    if (!certificate.HasPrivateKey)
                    {
                        failures.Add($"Transport:CertificatePath '{path}' has no private key.");
                    }
                }
                catch (CryptographicException exception)
                {
                    failures.Add($"Transport:CertificatePath '{path}' could not be read ({exception.Message}); check Transport:CertificatePassword.");
                }
            }
        }

        if (options.CertificateAuthorityPath is { Length: > 0 } authorityPath)
        {
            ValidateAuthority(options, authorityPath, failures);
        }

        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Transport:HandshakeTimeout must be positive (got {options.HandshakeTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The CA must be readable, and this member's own certificate must chain to it (else no peer would accept it).
    private static void ValidateAuthority(TransportOptions options, string path, List<string> failures)
    {
        if (string.IsNullOrEmpty(options.CertificatePath))
        {
            failures.Add("Transport:CertificateAuthorityPath needs Transport:CertificatePath: this member's own certificate, issued by that CA (oplat certs node).");
            return;
        }

        if (!File.Exists(path))
        {
            failures.Add($"Transport:CertificateAuthorityPath '{path}' does not exist.");
            return;
        }

        try
        {
            using var authority = ClusterCertificate.LoadAuthority(options)!;
            if (File.Exists(options.CertificatePath))
            {
                using var own = ClusterCertificate.Load(options);
                if (!ClusterCertificateAuthority.IsIssuedBy(own, authority))
                {
                    failures.Add($"Transport:CertificatePath '{options.CertificatePath}' is not issued by the CA in Transport:CertificateAuthorityPath '{path}' (or has expired): peers would refuse it.");
                }
            }
        }
        catch (CryptographicException exception)
        {
            failures.Add($"Transport:CertificateAuthorityPath '{path}' could not be read ({exception.Message}).");
        }
    }
}
