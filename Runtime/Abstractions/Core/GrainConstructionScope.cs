namespace OrleansPlatform.Runtime;

/// <summary>
/// Hands the activation context to <see cref="Grain"/>'s constructor without a constructor parameter, so grain
/// classes keep a plain constructor. Construction is synchronous, so a thread-static slot is exact.
/// </summary>
internal static class GrainConstructionScope
{
    [ThreadStatic]
    private static IGrainContext? t_current;

    internal static IGrainContext? Current => t_current;

    internal static T Construct<T>(IGrainContext context, Func<T> create)
    {
        var previous = t_current;
        t_current = context;
        try
        {
            return create();
        }
        finally
        {
            t_current = previous;
        }
    }
}
