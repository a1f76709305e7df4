namespace OrleansPlatform.Runtime.Transport;

/// <summary>The peer sent bytes that are not a valid frame (bad magic or version, unknown kind, truncation).</summary>
internal sealed class InvalidFrameException : TransportException
{
    public InvalidFrameException()
    {
    }

    public InvalidFrameException(string message)
        : base(message)
    {
    }

    public InvalidFrameException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
