using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Admission;

/// <summary>Validates <see cref="GatewayAdmissionOptions"/>.</summary>
internal sealed class GatewayAdmissionOptionsValidator : IValidateOptions<GatewayAdmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayAdmissionOptions options)
    {
        var failures = new List<string>();
        if (options.MaxConcurrentRequests < 1)
        {
            failures.Add($"Gateway:MaxConcurrentRequests must be at least 1 (got {options.MaxConcurrentRequests}).");
        }

        if (options.MaxQueuedRequests < 0)
        {
            failures.Add($"Gateway:MaxQueuedRequests must not be negative (got {options.MaxQueuedRequests}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
