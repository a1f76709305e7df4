namespace OrleansPlatform.Runtime.Filters;

/// <summary>A call leaving the caller, before it is routed.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext
{
}
