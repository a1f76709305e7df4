namespace OrleansPlatform.Gateway.Users;

/// <summary>A user of that name exists already.</summary>
public sealed class UserExistsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UserExistsException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UserExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UserExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
