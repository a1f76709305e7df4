namespace OrleansPlatform.Workflows.Pools;

/// <summary>
/// The pool of one running composite step: its values (port parameters), its simple step pool, and where it is (the
/// current step and the port it was entered through). The application itself is the bottom composite.
/// </summary>
public sealed class CompositeStepPool(string step)
{
    /// <summary>The composite step's name (the application id for the bottom one).</summary>
    public string Step { get; } = step;

    /// <summary>The step running inside it.</summary>
    public string CurrentStep { get; set; } = string.Empty;

    /// <summary>The input port <see cref="CurrentStep"/> was entered through.</summary>
    public string? EnteredPort { get; set; }

    /// <summary>The composite's values.</summary>
    public NameValueTable Values { get; } = new();

    /// <summary>The simple step pool.</summary>
    public NameValueTable Simple { get; } = new();
}
