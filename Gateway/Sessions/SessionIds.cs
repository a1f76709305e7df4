using System.Security.Cryptography;

namespace OrleansPlatform.Gateway.Sessions;

/// <summary>Session ids: 128 random bits from the OS CSPRNG, as 32 lowercase hex characters.</summary>
public static class SessionIds
{
    /// <summary>A new unguessable session id.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True when <paramref name="value"/> has the shape of a session id (anything else is not looked up).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 32 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
