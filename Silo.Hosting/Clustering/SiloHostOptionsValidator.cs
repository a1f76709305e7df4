using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>Validates <see cref="SiloHostOptions"/>, naming every bad setting.</summary>
internal sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        var failures = new List<string>();
        if (!IsIdentifier(options.ClusterId))
        {
            failures.Add($"Silo:ClusterId must be 1 to 150 letters, digits, '.', '_' or '-' (got '{options.ClusterId}').");
        }

        if (!IsIdentifier(options.ServiceId))
        {
            failures.Add($"Silo:ServiceId must be 1 to 150 letters, digits, '.', '_' or '-' (got '{options.ServiceId}').");
        }

        if (options.SiloName is { Length: > 150 })
        {
            failures.Add("Silo:SiloName must be at most 150 characters.");
        }

        if (!IPAddress.TryParse(options.Host, out _))
        {
            failures.Add($"Silo:Host must be an IP address (got '{options.Host}').");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"Silo:Port must be 0 (a free port) or a TCP port (got {options.Port}).");
        }

        if (options.GatewayPort is < 0 or > 65535)
        {
            failures.Add($"Silo:GatewayPort must be 0 (a free port) or a TCP port (got {options.GatewayPort}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Cluster and service ids travel in PostgreSQL session settings (the storage fence) and log lines: keep them plain.
    private static bool IsIdentifier(string? value) =>
        value is { Length: > 0 and <= 150 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
