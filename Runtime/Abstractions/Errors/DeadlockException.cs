namespace OrleansPlatform.Runtime;

/// <summary>
/// A call would complete a cycle of grains that wait on each other and cannot make progress (for example A calls B
/// while B, in another call chain, calls A). The call is refused at once; <see cref="CallChain"/> names the cycle.
/// </summary>
public sealed class DeadlockException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeadlockException()
    {
        CallChain = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeadlockException(string message)
        : base(message)
    {
        CallChain = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DeadlockException(string message, Exception innerException)
        : base(message, innerException)
    {
        CallChain = [];
    }

    /// <summary>Creates the exception for a cycle.</summary>
    public DeadlockException(IReadOnlyList<GrainId> callChain)
        : base($"Deadlock: the call cycle {string.Join(" -> ", callChain)} cannot complete because each grain waits for the next.")
    {
        CallChain = callChain;
    }

    /// <summary>The grains in the cycle, starting and ending with the same grain.</summary>
    public IReadOnlyList<GrainId> CallChain { get; }
}
