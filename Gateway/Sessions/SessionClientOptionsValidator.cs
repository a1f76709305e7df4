using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Sessions;

/// <summary>Validates <see cref="SessionClientOptions"/>.</summary>
internal sealed class SessionClientOptionsValidator : IValidateOptions<SessionClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionClientOptions options)
    {
        var failures = new List<string>();
        if (options.CallAttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Gateway:CallAttemptTimeout must be positive (got {options.CallAttemptTimeout}).");
        }

        if (options.StartAttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Gateway:StartAttemptTimeout must be positive (got {options.StartAttemptTimeout}).");
        }

        if (options.RetryBudget < options.CallAttemptTimeout)
        {
            failures.Add($"Gateway:RetryBudget ({options.RetryBudget}) must be at least Gateway:CallAttemptTimeout ({options.CallAttemptTimeout}).");
        }

        if (options.DatabaseRetryBudget < TimeSpan.Zero)
        {
            failures.Add($"Gateway:DatabaseRetryBudget must not be negative (got {options.DatabaseRetryBudget}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
