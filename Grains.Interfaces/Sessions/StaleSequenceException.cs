namespace OrleansPlatform.Grains.Sessions;

public sealed class StaleSequenceException : Exception
{
    public StaleSequenceException()
    {
    }

    public StaleSequenceException(string message)
        : base(message)
    {
    }

    public StaleSequenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long ExpectedSeq { get; init; }
}
