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
    /// <summary>Runs <paramref name="call"/> and renders a successful answer with <paramref name="render"/>.</summary>
    public async Task<int> RunAsync(
        ParseResult parse,
        Func<AdminApiClient, CancellationToken, Task<ApiResult>> call,
        Action<Terminal, JsonElement> render,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var text = parse.GetValue(options.Url);
        if (!GlobalOptions.TryParseUrl(text, out var url))
        {
            // Reached when the URL came from OPLAT_URL rather than the command line.
            terminal.Fail(GlobalOptions.UrlError(text));
            return ExitCodes.Usage;
        }

        using var client = new AdminApiClient(url, AdminPassword.Find(environment));
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

    /// <summary>A command whose action is one GET rendered by <paramref name="render"/>.</summary>
    public Command Get(string name, string description, string path, Action<Terminal, JsonElement> render)
    {
        var command = new Command(name, description);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, (api, ct) => api.GetAsync(path, ct), render, cancellationToken));
        return command;
    }
}
