namespace OrleansPlatform.Gateway.Sessions;

/// <summary>Application ids in paths and cookie names: lowercase letters, digits and dashes, at most 64 characters.</summary>
public static class ApplicationIds
{
    /// <summary>True when <paramref name="value"/> can be an application id.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
