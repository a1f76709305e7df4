namespace OrleansPlatform.AdminAccess;

/// <summary>The admin account (section <c>Admin</c>): one user, <c>admin</c>, for the console, its API, the dashboard and the CLI.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section: <c>Admin</c>.</summary>
    public const string SectionName = "Admin";

    /// <summary>The only user name.</summary>
    public const string UserName = "admin";

    /// <summary>The role claim every admin surface requires.</summary>
    public const string Role = "admin";

    /// <summary>
    /// The admin password (environment: <c>ORLEANSPLATFORM_Admin__Password</c>; run.sh generates one into
    /// <c>./data/admin-password</c>). Unset: the admin surfaces refuse everyone. Never logged.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Failed sign-ins from one address that lock it out. Default 5.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>The window in which failures count. Default 15 minutes.</summary>
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an address stays locked out. Default 5 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
}
