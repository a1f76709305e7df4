namespace OrleansPlatform.Runtime;

/// <summary>A conditional write or clear found another version in storage than the one the grain held; nothing was changed.</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming both versions.</summary>
    public InconsistentStateException(string message, string? storedETag, string? currentETag)
        : base(message)
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The version found in storage (null when no record exists).</summary>
    public string? StoredETag { get; }

    /// <summary>The version the grain held.</summary>
    public string? CurrentETag { get; }
}
