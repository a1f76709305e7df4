namespace OrleansPlatform.Runtime.Filters;

/// <summary>A call arriving at an activation, inside its turn.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance that will handle the call.</summary>
    object Grain { get; }
}
