namespace OrleansPlatform.Gateway.Users;

/// <summary>Sign-in of the applications' users (section <c>Users</c>).</summary>
public sealed class UserOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Users";

    /// <summary>Failed sign-ins in a row after which a user name is locked (default 5).</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked user name stays locked (default 5 minutes).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a bearer token from <c>POST /api/auth/token</c> is accepted (default 1 hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the sign-in cookie lasts without a request (sliding; default 8 hours).</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The shortest password <c>oplat users add</c> and the admin API accept (default 8).</summary>
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>
    /// A user the Gateway creates at start when it does not exist yet (none by default): <c>run.sh</c> sets <c>demo</c>,
    /// so the embedded default can try order-entry. Its password is read from <see cref="DemoPasswordFile"/>.
    /// </summary>
    public string? DemoUser { get; set; }

    /// <summary>The file holding <see cref="DemoUser"/>'s password (its first line); <c>run.sh</c> generates <c>./data/demo-password</c>.</summary>
    public string? DemoPasswordFile { get; set; }
}
