using System.CommandLine;
using OrleansPlatform.Agent.Hosting;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary>
/// <c>oplat agent [--config agent.json] [--Section:Key value ...]</c>: runs this machine's node agent until SIGTERM or
/// Ctrl-C. Exit codes: 0 stopped, 1 could not run, 2 bad configuration (one line naming the key).
/// </summary>
internal static class AgentCommand
{
    public const string Name = "agent";

    public static Command Create(Terminal terminal)
    {
        var config = new Option<string>("--config")
        {
            Description = $"The agent's configuration file (default: ./{AgentHost.DefaultConfigFile})",
            HelpName = "file",
            DefaultValueFactory = _ => AgentHost.DefaultConfigFile,
        };
        var check = new Option<bool>("--check") { Description = "Only read and validate the configuration (every key, every resource through its plugin), then exit: 0 valid, 2 not" };
        var agent = new Command(Name, "Run this machine's node agent: supervise its resource groups, heartbeat its node, serve the agent API (settings: --Section:Key value)")
        {
            config,
            check,
        };

        // Settings overrides (--Agent:NodeId node-2) are not options of the command: they go to the agent's configuration.
        agent.TreatUnmatchedTokensAsErrors = false;
        agent.SetAction(async (parse, cancellationToken) =>
        {
            var checkOnly = parse.GetValue(check);
            var exitCode = await AgentHost.RunAsync(parse.GetValue(config)!, [.. parse.UnmatchedTokens], terminal.Fail, checkOnly, cancellationToken);
            if (checkOnly && exitCode == AgentHost.Stopped)
            {
                await terminal.Output.WriteLineAsync($"{parse.GetValue(config)}: the configuration is valid");
            }

            return exitCode;
        });
        return agent;
    }
}
