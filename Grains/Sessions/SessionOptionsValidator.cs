using Microsoft.Extensions.Options;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>Validates <see cref="SessionOptions"/>.</summary>
internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Sessions:IdleTimeout must be positive (got {options.IdleTimeout}).");
        }

        if (options.MaxRecordBytes is < 256 or > 16 * 1024 * 1024)
        {
            failures.Add($"Sessions:MaxRecordBytes must be between 256 and 16777216 (got {options.MaxRecordBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
