namespace OrleansPlatform.Gateway.Users;

/// <summary>What the admin API, the CLI and the console show of a user: never the password or its hash.</summary>
public sealed record UserView(string Name, IReadOnlyList<string> Roles, bool Disabled, bool LockedOut, DateTimeOffset? LockoutEnd, DateTimeOffset CreatedAt);
