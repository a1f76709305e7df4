using System.CommandLine;
using System.Text.Json;
using OrleansPlatform.Cli.Output;

namespace OrleansPlatform.Cli.Commands;

/// <summary>
/// What every command does around its API call: connect with the global options and the admin password, print the
/// answer (JSON as it came with <c>--json</c>, else the command's table), or print the one error line and exit 1.
/// </summary>
internal sealed class ApiCommandRunner(Terminal terminal, CliEnvironment environment, GlobalOptions options)
{
    /// <summary>Runs <paramref name="call"/> on the Gateway's admin API and renders a successful answer with <paramref name="render"/>.</summary>
    public Task<int> RunAsync(
        ParseResult parse,
        Func<AdminApiClient, CancellationToken, Task<ApiResult>> call,
        Action<Terminal, JsonElement> render,
        CancellationToken cancellationToken)
        // Reached with a bad URL when it came from OPLAT_URL rather than the command line.
        => RunAtAsync(parse, options.Url, GlobalOptions.UrlError, AdminApiClient.GatewayApiPath, call, render, cancellationToken);

    /// <summary>Runs <paramref name="call"/> on the node agent's API (<c>--agent</c>) and renders the answer with <paramref name="render"/>.</summary>
    public Task<int> RunOnAgentAsync(
        ParseResult parse,
        Func<AdminApiClient, CancellationToken, Task<ApiResult>> call,
        Action<Terminal, JsonElement> render,
        CancellationToken cancellationToken)
        => RunAtAsync(parse, options.Agent, GlobalOptions.AgentUrlError, AdminApiClient.AgentApiPath, call, render, cancellationToken);

    private Task<int> RunAtAsync(
        ParseResult parse,
        Option<string> urlOption,
        Func<string?, string> urlError,
        string apiPath,
        Func<AdminApiClient, CancellationToken, Task<ApiResult>> call,
        Action<Terminal, JsonElement> render,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var text = parse.GetValue(urlOption);
        if (!GlobalOptions.TryParseUrl(text, out var url))
        {
            terminal.Fail(urlError(text));
            return Task.FromResult(ExitCodes.Usage);
        }

        return RunAsync(parse, url, apiPath, call, render, cancellationToken);
    }

    /// <summary>A command whose action is one GET rendered by <paramref name="render"/>.</summary>
    public Command Get(string name, string description, string path, Action<Terminal, JsonElement> render)
    {
        var command = new Command(name, description);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, (api, ct) => api.GetAsync(path, ct), render, cancellationToken));
        return command;
    }

    /// <summary>The admin password the commands use (never printed).</summary>
    public string? Password => AdminPassword.Find(environment);

    private async Task<int> RunAsync(
        ParseResult parse,
        Uri url,
        string apiPath,
        Func<AdminApiClient, CancellationToken, Task<ApiResult>> call,
        Action<Terminal, JsonElement> render,
        CancellationToken cancellationToken)
    {
        using var client = new AdminApiClient(url, Password, apiPath);
        ApiResult result;
        try
        {
            result = await call(client, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            terminal.Fail("interrupted");
            return ExitCodes.Interrupted;
        }

        if (result.Problem is { } problem)
        {
            terminal.Fail(problem.ToString());
            return ExitCodes.Refused;
        }

        if (parse.GetValue(options.Json))
        {
            JsonPrinter.Write(terminal.Output, result.Body);
        }
        else
        {
            render(terminal, result.Body);
        }

        return ExitCodes.Success;
    }
}
