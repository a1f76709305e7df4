using OrleansPlatform.Cli.Output;
using Spectre.Console;

namespace OrleansPlatform.Cli.Tests;

/// <summary>A <see cref="Terminal"/> writing to strings, as the CLI writes into a pipe (no ANSI, plain borders).</summary>
internal sealed class TestTerminal
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public TestTerminal()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_output),
        });
        console.Profile.Width = 200;
        Terminal = new Terminal(console, _output, _error, interactive: false);
    }

    public Terminal Terminal { get; }

    public string Output => _output.ToString();

    public IReadOnlyList<string> ErrorLines => _error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
