using System.CommandLine;
using System.CommandLine.Invocation;
using OrleansPlatform.Cli.Commands;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli;

/// <summary>
/// The command tree, and the one rule System.CommandLine does not have: a parse error is bad usage, exit code 2 with
/// one stderr line, so a script can tell a typo (2) from a refusal by the platform (1).
/// </summary>
internal sealed class OplatCommandLine
{
    private readonly RootCommand _root;
    private readonly Terminal _terminal;

    public OplatCommandLine(Terminal terminal, CliEnvironment environment)
    {
        _terminal = terminal;
        var options = new GlobalOptions(environment);
        var runner = new ApiCommandRunner(terminal, environment, options);
        _root = new RootCommand(
            "oplat: operate a running OrleansPlatform through the Gateway's admin API and the node agents' API (HTTP Basic as admin; password from "
            + $"${AdminPassword.Variable}, ${AdminPassword.GatewayVariable} or ./{AdminPassword.FileName}). Exit codes: 0 done, 1 refused or unreachable, 2 bad usage.")
        {
            options.Url,
            options.Agent,
            options.Json,
            StatusCommand.Create(runner),
            AppsCommand.Create(runner),
            CachesCommand.Create(runner),
            SilosCommand.Create(runner),
            ConfigCommand.Create(runner),
            LocksCommand.Create(runner),
            SessionsCommand.Create(runner),
            UsersCommand.Create(runner, terminal),
            NodesCommand.Create(runner),
            ResourcesCommand.Create(runner),
            GroupsCommand.Create(runner),
            AgentCommand.Create(terminal),
            CertsCommand.Create(terminal, environment, TimeProvider.System),
        };
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = _root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var errors = string.Join("; ", Significant(parse).Select(e => e.Message.TrimEnd('.')).Distinct(StringComparer.Ordinal));
            _terminal.Fail($"{errors} (oplat {CommandPath(parse)}--help)");
            return ExitCodes.Usage;
        }

        // The agent is a host: SIGTERM and Ctrl-C stop it gracefully through its own lifetime, with no 2 s cut-off.
        var invocation = new InvocationConfiguration { Output = _terminal.Output };
        if (parse.CommandResult.Command.Name == AgentCommand.Name)
        {
            invocation.ProcessTerminationTimeout = null;
        }

        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    // "oplat frobnicate" is an unknown command, not also a missing one: the unmatched token says what is wrong.
    private static IEnumerable<System.CommandLine.Parsing.ParseError> Significant(ParseResult parse)
    {
        var unmatched = parse.Errors.Where(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))).ToList();
        return unmatched.Count > 0 ? unmatched : parse.Errors;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? string.Empty : string.Join(' ', names) + " ";
    }
}
