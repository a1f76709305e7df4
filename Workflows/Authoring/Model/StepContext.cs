using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Pools;

namespace OrleansPlatform.Workflows.Model;

/// <summary>What a step's operation, view or rule sees: the session's pools, the silo's services, the entry port.</summary>
public sealed class StepContext
{
    internal StepContext(string sessionId, GlobalPool pools, IServiceProvider services, CancellationToken cancellationToken)
    {
        SessionId = sessionId;
        Pools = pools;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>The signed-in user who started the session (it owns it), or null for an anonymous session.</summary>
    public string? User { get; init; }

    /// <summary>The session's global pool.</summary>
    public GlobalPool Pools { get; }

    /// <summary>The silo's services (data access of the applications).</summary>
    public IServiceProvider Services { get; }

    /// <summary>Cancels the interaction.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The input port the current step was entered through (null for an entry step).</summary>
    public string? EnteredPort => Pools.Current.EnteredPort;

    /// <summary>The pool of the running composite step (where port parameters live).</summary>
    public NameValueTable Values => Pools.Current.Values;

    /// <summary>The application step pool (lives as long as the session).</summary>
    public NameValueTable Application => Pools.Application;

    /// <summary>The simple step pool of the running composite (scratch of the running simple step).</summary>
    public NameValueTable Local => Pools.Current.Simple;

    /// <summary>The interactive step pool (what the user typed in the last action).</summary>
    public NameValueTable Interactive => Pools.Interactive;

    /// <summary>A value of the composite pool, else of the application pool; default when absent.</summary>
    public T? Get<T>(string name) => Values.Contains(name) ? Values.Get<T>(name) : Application.Get<T>(name);

    /// <summary>Sets a value in the composite pool.</summary>
    public void Set(string name, object? value) => Values.Set(name, value);

    /// <summary>A required service.</summary>
    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();
}
