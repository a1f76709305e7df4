namespace OrleansPlatform.Workflows.Model;

/// <summary>
/// An application: the top-level composite of a workflow, with its id, title and version. A session stays on the
/// version it started with.
/// </summary>
public sealed class ApplicationDefinition(
    string id,
    string title,
    string version,
    IReadOnlyList<StepDefinition> steps,
    IReadOnlyList<Connection> connections,
    string entryStep) : CompositeStep(id, [], [], steps, connections, entryStep)
{
    /// <inheritdoc />
    public override StepKind Kind => StepKind.Application;

    /// <summary>The application id (used in URLs).</summary>
    public string Id => Name;

    /// <summary>The title shown to users.</summary>
    public string Title { get; } = title;

    /// <summary>The version.</summary>
    public string Version { get; } = version;

    /// <summary>What the application is for, in a sentence: shown on the home page and in <c>GET /api/apps</c>.</summary>
    public string Description { get; init; } = "";

    /// <summary>Idle time after which a session expires; null uses <c>Sessions:IdleTimeout</c>.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>How session records are made durable.</summary>
    public SessionDurability Durability { get; init; } = SessionDurability.WriteThrough;

    /// <summary>Who may use the application: anyone (default), a signed-in user, or one with roles.</summary>
    public ApplicationAccess Access { get; init; } = ApplicationAccess.Anonymous;

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Version}";
}
