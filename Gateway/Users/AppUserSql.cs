using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Gateway.Users;

/// <summary>The statements of <see cref="AdoNetAppUserStore"/> in one SQL dialect. All are parameterised.</summary>
internal sealed class AppUserSql
{
    private static readonly AppUserSql Postgres = new(disabledAsNumber: "CASE WHEN disabled THEN 1 ELSE 0 END");

    // SQLite has no boolean type: disabled is 0 or 1 already.
    private static readonly AppUserSql Sqlite = new(disabledAsNumber: "disabled");

    private AppUserSql(string disabledAsNumber)
    {
        var columns = "name AS Name, password_hash AS PasswordHash, roles AS Roles, CAST(" + disabledAsNumber + " AS bigint) AS Disabled, "
            + "CAST(failed_count AS bigint) AS FailedCount, lockout_end_ms AS LockoutEndMs, created_at_ms AS CreatedAtMs";
        Insert = "INSERT INTO app_users (name, password_hash, roles, disabled, failed_count, created_at_ms) "
            + "VALUES (@Name, @PasswordHash, @Roles, @Disabled, 0, @CreatedAtMs) ON CONFLICT (name) DO NOTHING";
        Find = $"SELECT {columns} FROM app_users WHERE name = @Name";
        List = $"SELECT {columns} FROM app_users ORDER BY name";
        SetDisabled = "UPDATE app_users SET disabled = @Disabled WHERE name = @Name";
        SetRoles = "UPDATE app_users SET roles = @Roles WHERE name = @Name";
        SetPassword = "UPDATE app_users SET password_hash = @PasswordHash, failed_count = 0, lockout_end_ms = NULL WHERE name = @Name";
        RecordFailure = "UPDATE app_users SET failed_count = failed_count + 1 WHERE name = @Name RETURNING CAST(failed_count AS bigint)";
        LockOut = "UPDATE app_users SET failed_count = 0, lockout_end_ms = @UntilMs WHERE name = @Name";
        ResetFailures = "UPDATE app_users SET failed_count = 0, lockout_end_ms = NULL WHERE name = @Name AND (failed_count <> 0 OR lockout_end_ms IS NOT NULL)";
    }

    /// <summary>Creates a user unless the name is taken (0 rows: taken).</summary>
    public string Insert { get; }

    /// <summary>One user by name.</summary>
    public string Find { get; }

    /// <summary>Every user, by name.</summary>
    public string List { get; }

    /// <summary>Disables or enables a user.</summary>
    public string SetDisabled { get; }

    /// <summary>Replaces a user's roles.</summary>
    public string SetRoles { get; }

    /// <summary>Replaces a user's password hash and clears any lockout.</summary>
    public string SetPassword { get; }

    /// <summary>Counts one more failed sign-in and returns the count.</summary>
    public string RecordFailure { get; }

    /// <summary>Locks a user out until a time, starting the count again.</summary>
    public string LockOut { get; }

    /// <summary>Clears the failure count and lockout after a good sign-in.</summary>
    public string ResetFailures { get; }

    /// <summary>The statements for <paramref name="provider"/>.</summary>
    public static AppUserSql For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => Postgres,
        DatabaseProvider.Sqlite => Sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
