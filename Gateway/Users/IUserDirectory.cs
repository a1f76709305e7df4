namespace OrleansPlatform.Gateway.Users;

/// <summary>
/// The applications' users: creation, listing, disabling, roles, and sign-in with ASP.NET Core Identity's password
/// hasher and a lockout after repeated failures (<see cref="UserOptions"/>). Passwords are never stored, logged or returned.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Creates a user.</summary>
    /// <exception cref="ArgumentException">The name, a role or the password is not acceptable (the message says why, never the password).</exception>
    /// <exception cref="UserExistsException">The name is taken.</exception>
    Task<UserView> AddAsync(string name, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <summary>Every user, by name.</summary>
    Task<IReadOnlyList<UserView>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The user, or null.</summary>
    Task<UserView?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Disables (or enables) a user; false when there is none of that name.</summary>
    Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken);

    /// <summary>Replaces a user's roles; false when there is none of that name.</summary>
    /// <exception cref="ArgumentException">A role is malformed.</exception>
    Task<bool> SetRolesAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <summary>Checks a sign-in: the user, or why not. Counts failures and locks the name out after too many.</summary>
    Task<SignInResult> SignInAsync(string? name, string? password, CancellationToken cancellationToken);
}
