using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Workflows.Testing;

/// <summary>
/// One session of an application in a <see cref="WorkflowTestHost"/>: take an action with its inputs, get the next view.
/// An input the application refuses throws <c>InvalidInputException</c> (its <c>Field</c> names the input) and changes
/// nothing; an action not offered throws <c>InvalidActionException</c>.
/// </summary>
public sealed class TestSession
{
    private readonly ISessionGrain grain;
    private long seq;

    internal TestSession(ISessionGrain grain, SessionReply first)
    {
        this.grain = grain;
        Id = first.SessionId;
        View = first.View;
        Version = first.Version;
    }

    /// <summary>The session id.</summary>
    public string Id { get; }

    /// <summary>The view shown now.</summary>
    public SessionView View { get; private set; }

    /// <summary>The application version the session runs (it keeps the one it started on).</summary>
    public string Version { get; }

    /// <summary>Takes <paramref name="action"/> of the view shown now, with <paramref name="inputs"/> as a form would send them.</summary>
    public async Task<SessionView> ActAsync(string action, params (string Name, string? Value)[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var reply = await grain.Interact(new SessionAction(action, inputs.ToDictionary(i => i.Name, i => i.Value, StringComparer.Ordinal), seq + 1));
        seq = reply.Seq;
        View = reply.View;
        return reply.View;
    }
}
