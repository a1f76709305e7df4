namespace OrleansPlatform.Runtime;

/// <summary>No grain class is registered for a grain interface or grain type.</summary>
public sealed class GrainTypeNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainTypeNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainTypeNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainTypeNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
