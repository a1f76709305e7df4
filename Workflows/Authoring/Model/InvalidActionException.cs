namespace OrleansPlatform.Workflows.Model;

/// <summary>The action is unknown or not allowed in the current step.</summary>
[GenerateSerializer]
[Alias("op.InvalidActionException")]
public sealed class InvalidActionException : Exception
{
    public InvalidActionException()
    {
    }

    public InvalidActionException(string message)
        : base(message)
    {
    }

    public InvalidActionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
