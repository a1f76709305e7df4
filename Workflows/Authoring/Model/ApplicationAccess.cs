namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// Who may use an application: anyone (<see cref="Anonymous"/>, the default), a signed-in user
/// (<see cref="SignedIn"/>), or a signed-in user holding every one of some roles (<see cref="SignedInWithRoles"/>).
/// The Gateway asks an anonymous browser to sign in (pages: the sign-in page; JSON API: 401) and refuses a user who
/// lacks a role (403); the session grain checks it again on every call.
/// </summary>
public sealed class ApplicationAccess
{
    private ApplicationAccess(bool requiresSignIn, IReadOnlyList<string> roles)
    {
        RequiresSignIn = requiresSignIn;
        Roles = roles;
    }

    /// <summary>Anyone, signed in or not (the default).</summary>
    public static ApplicationAccess Anonymous { get; } = new(false, []);

    /// <summary>Any signed-in user.</summary>
    public static ApplicationAccess SignedIn { get; } = new(true, []);

    /// <summary>True when the application needs a signed-in user.</summary>
    public bool RequiresSignIn { get; }

    /// <summary>The roles a user must hold, every one of them (empty: none).</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>A signed-in user holding every one of <paramref name="roles"/>.</summary>
    public static ApplicationAccess SignedInWithRoles(params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0 || roles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one role, none of them empty.", nameof(roles));
        }

        return new ApplicationAccess(true, roles.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// This access with a signed-in user required when <paramref name="signIn"/> is true or <paramref name="roles"/> names
    /// any, and <paramref name="roles"/> added to the roles: never looser than this one.
    /// </summary>
    public ApplicationAccess Tightened(bool signIn, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var allRoles = Roles.Concat(roles).Distinct(StringComparer.Ordinal).ToArray();
        return allRoles.Length > 0 ? new ApplicationAccess(true, allRoles)
            : signIn || RequiresSignIn ? SignedIn
            : Anonymous;
    }

    /// <summary>True when a caller named <paramref name="user"/> (null: anonymous) holding <paramref name="roles"/> may use the application.</summary>
    public bool Allows(string? user, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return !RequiresSignIn || (user is not null && Roles.All(roles.Contains));
    }

    /// <inheritdoc />
    public override string ToString() => !RequiresSignIn ? "anonymous" : Roles.Count == 0 ? "signed-in" : "signed-in with roles " + string.Join(',', Roles);
}
