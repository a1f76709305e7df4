using System.Text.RegularExpressions;

namespace OrleansPlatform.Gateway.Users;

/// <summary>What a user name and a role name may be: 1–64 letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, <c>@</c> (a role: no <c>@</c>).</summary>
public static partial class UserNames
{
    /// <summary>True for a well-formed user name.</summary>
    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>True for a well-formed role name.</summary>
    public static bool IsValidRole(string? role) => role is not null && RolePattern().IsMatch(role);

    /// <summary>Roles from a comma-separated list (<c>a,b</c>), trimmed, without duplicates; null when one is malformed.</summary>
    public static IReadOnlyList<string>? ParseRoles(string? roles)
    {
        if (string.IsNullOrWhiteSpace(roles))
        {
            return [];
        }

        var parsed = roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        return parsed.All(IsValidRole) ? parsed : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex RolePattern();
}
