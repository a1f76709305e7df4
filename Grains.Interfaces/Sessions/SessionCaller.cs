namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// Who calls a session grain: the signed-in user and their roles, or nobody (anonymous). The Gateway, which
/// authenticated the request, sets it in Orleans' <see cref="RequestContext"/> around each session call (<see cref="Enter"/>);
/// the session grain reads it (<see cref="Current"/>) to record the owner of a new session, refuse another user's
/// request for it as if it did not exist, and check the application's access.
/// </summary>
/// <param name="User">The user name, or null for an anonymous caller.</param>
/// <param name="Roles">The user's roles.</param>
public sealed record SessionCaller(string? User, IReadOnlyList<string> Roles)
{
    private const string UserKey = "op.user";
    private const string RolesKey = "op.roles";

    /// <summary>An anonymous caller.</summary>
    public static SessionCaller Anonymous { get; } = new(null, []);

    /// <summary>The caller of the current grain call.</summary>
    public static SessionCaller Current =>
        RequestContext.Get(UserKey) is string { Length: > 0 } user
            ? new SessionCaller(user, RequestContext.Get(RolesKey) is string roles ? roles.Split(',', StringSplitOptions.RemoveEmptyEntries) : [])
            : Anonymous;

    /// <summary>Makes this the caller of the grain calls made from the current flow until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        var previous = (RequestContext.Get(UserKey), RequestContext.Get(RolesKey));
        Apply(User, User is null ? null : string.Join(',', Roles));
        return new Scope(previous.Item1 as string, previous.Item2 as string);
    }

    private static void Apply(string? user, string? roles)
    {
        if (user is null)
        {
            RequestContext.Remove(UserKey);
            RequestContext.Remove(RolesKey);
        }
        else
        {
            RequestContext.Set(UserKey, user);
            RequestContext.Set(RolesKey, roles ?? string.Empty);
        }
    }

    private sealed class Scope(string? user, string? roles) : IDisposable
    {
        public void Dispose() => Apply(user, roles);
    }
}
