namespace OrleansPlatform.Gateway.Users;

/// <summary>How a sign-in ended.</summary>
public enum SignInOutcome
{
    /// <summary>The name and password match an enabled user that is not locked out.</summary>
    Accepted,

    /// <summary>Unknown name or wrong password (the caller is not told which).</summary>
    WrongCredentials,

    /// <summary>Too many failed sign-ins: the name is locked for a while; the password was not checked.</summary>
    LockedOut,

    /// <summary>The password is right but an administrator disabled the user.</summary>
    Disabled,
}
