using OrleansPlatform.Workflows.Model;
using OrleansPlatform.Workflows.Pools;
using OrleansPlatform.Workflows.Views;

namespace OrleansPlatform.Workflows.Engine;

/// <summary>Runs a session's workflow from its current position until the next interactive step.</summary>
public interface IWorkflowEngine
{
    /// <summary>Resets <paramref name="pools"/> and runs <paramref name="application"/> from its entry step.</summary>
    Task StartAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, CancellationToken cancellationToken);

    /// <summary>As <see cref="StartAsync(ApplicationDefinition, GlobalPool, string, CancellationToken)"/>, for a session owned by <paramref name="user"/> (null: anonymous), which steps see as <see cref="StepContext.User"/>.</summary>
    Task StartAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, string? user, CancellationToken cancellationToken) =>
        StartAsync(application, pools, sessionId, cancellationToken);

    /// <summary>Applies an action of the current interactive step and runs until the next one.</summary>
    /// <exception cref="InvalidActionException">The action is unknown or not offered now.</exception>
    /// <exception cref="InvalidInputException">An input is missing or malformed.</exception>
    Task ActAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, string action, IReadOnlyDictionary<string, string?> inputs, CancellationToken cancellationToken);

    /// <summary>As <see cref="ActAsync(ApplicationDefinition, GlobalPool, string, string, IReadOnlyDictionary{string, string}, CancellationToken)"/>, in a session owned by <paramref name="user"/> (null: anonymous).</summary>
    Task ActAsync(ApplicationDefinition application, GlobalPool pools, string sessionId, string? user, string action, IReadOnlyDictionary<string, string?> inputs, CancellationToken cancellationToken) =>
        ActAsync(application, pools, sessionId, action, inputs, cancellationToken);

    /// <summary>The view of the current interactive step.</summary>
    SessionView Render(ApplicationDefinition application, GlobalPool pools, string sessionId);
}
