namespace OrleansPlatform.Runtime.Filters;

/// <summary>Runs around every call made through this process's grain references, in registration order.</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Handles one outgoing call.</summary>
    Task Invoke(IOutgoingGrainCallContext context);
}
