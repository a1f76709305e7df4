using System.Collections.Immutable;

namespace OrleansPlatform.Agent.Processes;

/// <summary>
/// Runs a command inside an existing Linux network namespace through <c>ip netns exec</c> (iproute2). <c>ip</c> enters
/// the namespace and then executes the command in its own place, without a fork: the pid the agent sees is the
/// command's own, as for any other resource.
/// </summary>
internal static class NetworkNamespaces
{
    /// <summary>Where <c>ip netns add</c> keeps the namespaces it names.</summary>
    public const string Directory = "/run/netns";

    /// <summary>The rule for a name as the agent's configuration takes it (a file name under <see cref="Directory"/>).</summary>
    public const string Rule = "letters, digits, '.', '_' and '-', not starting with '.', at most 64 characters";

    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary><paramref name="command"/> run inside <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The namespace does not exist (a clear start failure, not ip's).</exception>
    public static ProcessCommand Wrap(ProcessCommand command, string name)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!File.Exists(Path.Combine(Directory, name)))
        {
            throw new InvalidOperationException($"network namespace '{name}' does not exist (no {Directory}/{name}); create it first, e.g. ip netns add {name}.");
        }

        return command with { FileName = "ip", Args = ImmutableArray.Create("netns", "exec", name, command.FileName).AddRange(command.Args) };
    }
}
