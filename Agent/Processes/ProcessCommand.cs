using System.Collections.Immutable;

namespace OrleansPlatform.Agent.Processes;

/// <summary>A program to run as a supervised child process.</summary>
/// <param name="FileName">The program (a path, or a name looked up on PATH).</param>
/// <param name="Args">Its arguments, passed as they are (no shell).</param>
/// <param name="Environment">Variables added to (or replacing) the agent's own environment.</param>
/// <param name="WorkingDirectory">Where it runs; null for the agent's working directory.</param>
public sealed record ProcessCommand(string FileName, ImmutableArray<string> Args, ImmutableDictionary<string, string> Environment, string? WorkingDirectory)
{
    /// <summary>The command line as a log line shows it (arguments may be long; environment values are never shown).</summary>
    public override string ToString() => string.Join(' ', new[] { FileName }.Concat(Args));
}
