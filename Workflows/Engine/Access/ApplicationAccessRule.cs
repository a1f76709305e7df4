namespace OrleansPlatform.Workflows.Access;

/// <summary>One application's rule in <see cref="ApplicationAccessOptions.Access"/>.</summary>
public sealed class ApplicationAccessRule
{
    /// <summary>True to require a signed-in user. Default false (naming <see cref="Roles"/> requires one anyway).</summary>
    public bool SignIn { get; set; }

    /// <summary>Comma-separated roles a user must hold, every one of them, besides the application's own. Default: none.</summary>
    public string Roles { get; set; } = "";

    /// <summary>The roles, trimmed, empty entries dropped.</summary>
    public IReadOnlyList<string> RoleList() =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
}
