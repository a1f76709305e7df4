namespace OrleansPlatform.Workflows.Access;

/// <summary>
/// Access an operator adds to applications, without changing them (bound from <c>Applications</c>, key <c>Access</c>):
/// <c>Applications:Access:{application}:SignIn=true</c> and <c>Applications:Access:{application}:Roles=a,b</c>.
/// A rule only tightens what the application declares (<see cref="Model.ApplicationDefinition.Access"/>): it can require a
/// signed-in user or more roles, never open an application that needs a user to anonymous callers, because the
/// application's own code may rely on knowing its user (order-entry stores it on the order).
/// </summary>
public sealed class ApplicationAccessOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Applications";

    /// <summary>Rules by application id (ordinal). Default: none, so each application's declared access stands.</summary>
    public Dictionary<string, ApplicationAccessRule> Access { get; init; } = new(StringComparer.Ordinal);
}
