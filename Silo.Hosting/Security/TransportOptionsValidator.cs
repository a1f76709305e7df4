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

        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Transport:HandshakeTimeout must be positive (got {options.HandshakeTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
