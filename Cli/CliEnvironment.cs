namespace OrleansPlatform.Cli;

/// <summary>What the CLI reads from its process: environment variables and the current directory (a seam for tests).</summary>
/// <param name="Variable">An environment variable's value, or null.</param>
/// <param name="CurrentDirectory">The directory relative paths are resolved against.</param>
internal sealed record CliEnvironment(Func<string, string?> Variable, string CurrentDirectory)
{
    /// <summary>The process's own environment and current directory.</summary>
    public static CliEnvironment FromProcess() => new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory);

    /// <summary>The variable's value, or null when it is unset or empty (an empty value counts as unset, as in most shells' idiom <c>VAR= cmd</c>).</summary>
    public string? NonEmpty(string name) => Variable(name) is { Length: > 0 } value ? value : null;
}
