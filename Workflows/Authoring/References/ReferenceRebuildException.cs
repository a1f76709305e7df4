namespace OrleansPlatform.Workflows.References;

/// <summary>A logical reference could not be turned back into its object (unknown kind, the row is gone, malformed form).</summary>
[GenerateSerializer]
[Alias("op.ReferenceRebuildException")]
public sealed class ReferenceRebuildException : Exception
{
    public ReferenceRebuildException()
    {
    }

    public ReferenceRebuildException(string message)
        : base(message)
    {
    }

    public ReferenceRebuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
