namespace OrleansPlatform.Runtime;

/// <summary>
/// A one-way grain method: the caller's task completes as soon as the request is sent, no response is returned,
/// and exceptions are logged at the grain, not seen by the caller. The method must return Task or ValueTask.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute
{
}
