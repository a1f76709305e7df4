namespace OrleansPlatform.Gateway.Users;

/// <summary>The <c>app_users</c> table.</summary>
public interface IAppUserStore
{
    /// <summary>Creates a user; false when the name is taken.</summary>
    Task<bool> InsertAsync(AppUser user, CancellationToken cancellationToken);

    /// <summary>The user, or null.</summary>
    Task<AppUser?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every user, by name.</summary>
    Task<IReadOnlyList<AppUser>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Disables or enables a user; false when there is none of that name.</summary>
    Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken);

    /// <summary>Replaces a user's roles; false when there is none of that name.</summary>
    Task<bool> SetRolesAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <summary>Replaces a user's password hash (clearing any lockout); false when there is none of that name.</summary>
    Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Counts a failed sign-in; the failures in a row so far (0 when there is no such user).</summary>
    Task<int> RecordFailureAsync(string name, CancellationToken cancellationToken);

    /// <summary>Locks the user out until <paramref name="until"/> and restarts the failure count.</summary>
    Task LockOutAsync(string name, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Clears the failures and lockout after a good sign-in.</summary>
    Task ResetFailuresAsync(string name, CancellationToken cancellationToken);
}
