namespace OrleansPlatform.Runtime;

/// <summary>Requests to a grain class marked reentrant may interleave at await points (still one thread at a time).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute
{
}
