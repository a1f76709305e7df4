namespace OrleansPlatform.Workflows.Model;

/// <summary>A named condition on the session's state; rules choose between connections and enable actions.</summary>
public sealed record Rule(string Description, Func<StepContext, bool> Condition);
