using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OrleansPlatform.Workflows.Access;

/// <summary>
/// Validates <see cref="ApplicationAccessOptions"/>: role names as the user directory accepts them, so a typo stops
/// start-up instead of locking everyone out. Unknown application ids are allowed (an application may be added later).
/// </summary>
internal sealed partial class ApplicationAccessOptionsValidator : IValidateOptions<ApplicationAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, ApplicationAccessOptions options)
    {
        var failures = new List<string>();
        foreach (var (application, rule) in options.Access)
        {
            if (rule is null)
            {
                failures.Add($"Applications:Access:{application} is empty: set SignIn=true or Roles.");
                continue;
            }

            foreach (var role in rule.RoleList().Where(r => !RolePattern().IsMatch(r)))
            {
                failures.Add($"Applications:Access:{application}:Roles names '{role}': a role is 1-64 letters, digits, '.', '_' or '-'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex RolePattern();
}
