using Microsoft.Extensions.Options;

namespace OrleansPlatform.Runtime.Hosting;

/// <summary>Rejects runtime options that cannot work, with a message that names the setting.</summary>
internal sealed class RuntimeOptionsValidator :
    IValidateOptions<GrainCollectionOptions>,
    IValidateOptions<MessagingOptions>,
    IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        var failures = new List<string>();
        if (options.CollectionAge <= TimeSpan.Zero)
        {
            failures.Add($"GrainCollection:CollectionAge must be positive (was {options.CollectionAge}).");
        }

        if (options.CollectionQuantum <= TimeSpan.Zero)
        {
            failures.Add($"GrainCollection:CollectionQuantum must be positive (was {options.CollectionQuantum}).");
        }
        else if (options.CollectionQuantum > options.CollectionAge && options.CollectionAge > TimeSpan.Zero)
        {
            failures.Add($"GrainCollection:CollectionQuantum ({options.CollectionQuantum}) must not exceed CollectionAge ({options.CollectionAge}).");
        }

        if (options.DeactivationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"GrainCollection:DeactivationTimeout must be positive (was {options.DeactivationTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, MessagingOptions options) =>
        options.ResponseTimeout > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Messaging:ResponseTimeout must be positive (was {options.ResponseTimeout}).");

    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Silo:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.SiloName))
        {
            failures.Add("Silo:SiloName must not be empty.");
        }

        if (!System.Net.IPAddress.TryParse(options.Host, out _))
        {
            failures.Add($"Silo:Host must be an IP address (was '{options.Host}').");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"Silo:Port must be between 0 and 65535 (was {options.Port}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
