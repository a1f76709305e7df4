namespace OrleansPlatform.Workflows.Engine;

/// <summary>A workflow could not continue at run time (no connection applies, a step left through an unknown port, a runaway run).</summary>
[GenerateSerializer]
[Alias("op.WorkflowRuntimeException")]
public sealed class WorkflowRuntimeException : Exception
{
    public WorkflowRuntimeException()
    {
    }

    public WorkflowRuntimeException(string message)
        : base(message)
    {
    }

    public WorkflowRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
