namespace OrleansPlatform.Runtime;

/// <summary>Calls to this grain interface method may interleave with any other request of the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
