using Microsoft.Extensions.Options;

namespace OrleansPlatform.AdminAccess;

/// <summary>Validates <see cref="AdminOptions"/> (the password's value never appears in a message).</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        if (options.Password is { Length: > 0 and < 12 })
        {
            failures.Add($"Admin:Password must be at least 12 characters (it has {options.Password.Length}).");
        }

        if (options.LockoutThreshold < 1)
        {
            failures.Add($"Admin:LockoutThreshold must be at least 1 (got {options.LockoutThreshold}).");
        }

        if (options.LockoutWindow <= TimeSpan.Zero || options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add("Admin:LockoutWindow and Admin:LockoutDuration must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
