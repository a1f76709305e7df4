namespace OrleansPlatform.Gateway.Users;

/// <summary>A user of the applications, as the <c>app_users</c> table holds it (the password only as its hash).</summary>
public sealed record AppUser(
    string Name,
    string PasswordHash,
    IReadOnlyList<string> Roles,
    bool Disabled,
    int FailedCount,
    DateTimeOffset? LockoutEnd,
    DateTimeOffset CreatedAt);
