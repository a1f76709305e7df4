using Microsoft.Extensions.Options;

namespace OrleansPlatform.Gateway.Users;

/// <summary>Validates <see cref="UserOptions"/>.</summary>
internal sealed class UserOptionsValidator : IValidateOptions<UserOptions>
{
    public ValidateOptionsResult Validate(string? name, UserOptions options)
    {
        var failures = new List<string>();
        if (options.LockoutThreshold < 1)
        {
            failures.Add($"Users:LockoutThreshold must be at least 1 (got {options.LockoutThreshold}).");
        }

        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add($"Users:LockoutDuration must be positive (got {options.LockoutDuration}).");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.CookieLifetime <= TimeSpan.Zero)
        {
            failures.Add("Users:TokenLifetime and Users:CookieLifetime must be positive.");
        }

        if (options.MinPasswordLength is < 1 or > 128)
        {
            failures.Add($"Users:MinPasswordLength must be between 1 and 128 (got {options.MinPasswordLength}).");
        }

        if (options.DemoUser is { Length: > 0 } demo && (!UserNames.IsValid(demo) || string.IsNullOrEmpty(options.DemoPasswordFile)))
        {
            failures.Add("Users:DemoUser must be a valid user name (letters, digits, '.', '_', '-', '@') and needs Users:DemoPasswordFile.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
