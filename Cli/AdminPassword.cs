namespace OrleansPlatform.Cli;

/// <summary>
/// Finds the admin password: <c>OPLAT_PASSWORD</c>, else the Gateway's own <c>ORLEANSPLATFORM_Admin__Password</c> (an
/// operator on the Gateway's machine often has it exported), else <c>./data/admin-password</c>, where run.sh writes
/// the one it generates. The password only ever goes into the Authorization header.
/// </summary>
internal static class AdminPassword
{
    /// <summary>The CLI's own variable.</summary>
    public const string Variable = "OPLAT_PASSWORD";

    /// <summary>The variable the Gateway reads.</summary>
    public const string GatewayVariable = "ORLEANSPLATFORM_Admin__Password";

    /// <summary>The file run.sh writes, relative to the current directory.</summary>
    public static readonly string FileName = Path.Combine("data", "admin-password");

    /// <summary>The password, or null when none was found (the API then answers 401).</summary>
    public static string? Find(CliEnvironment environment)
    {
        if ((environment.NonEmpty(Variable) ?? environment.NonEmpty(GatewayVariable)) is { } fromEnvironment)
        {
            return fromEnvironment;
        }

        var path = Path.Combine(environment.CurrentDirectory, FileName);
        try
        {
            // run.sh writes it without a newline; an editor may add one.
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } fromFile ? fromFile : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where the CLI looked, for the hint after a 401 without a password.</summary>
    public static string Hint => $"no admin password found: set {Variable}, or run oplat where {FileName} is";
}
