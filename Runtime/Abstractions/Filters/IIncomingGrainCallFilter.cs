namespace OrleansPlatform.Runtime.Filters;

/// <summary>Runs around every call delivered to a grain on this silo, in registration order. Call <c>context.Invoke()</c> to continue.</summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Handles one incoming call.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}
