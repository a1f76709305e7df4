using Spectre.Console;

namespace OrleansPlatform.Cli.Output;

/// <summary>
/// Where the CLI writes: tables through Spectre.Console, JSON and errors as plain text. When standard output is not a
/// terminal (a pipe, a file, a test) the tables are plain: no ANSI codes, ASCII borders and a wide fixed width, so
/// <c>grep</c> and <c>awk</c> see the text and nothing else.
/// </summary>
internal sealed class Terminal(IAnsiConsole console, TextWriter output, TextWriter error, bool interactive)
{
    private const int RedirectedWidth = 200;

    /// <summary>The console tables render to.</summary>
    public IAnsiConsole Console => console;

    /// <summary>Standard output as plain text (JSON goes here, untouched by Spectre's markup and wrapping).</summary>
    public TextWriter Output => output;

    /// <summary>True when standard output is a terminal: colours and box-drawing borders.</summary>
    public bool Interactive => interactive;

    /// <summary>The process's own standard output and error.</summary>
    public static Terminal ForProcess(CliEnvironment environment)
    {
        var redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        if (redirected)
        {
            // Spectre falls back to 80 columns without a terminal and would wrap cells; COLUMNS lets a script choose.
            console.Profile.Width = int.TryParse(environment.NonEmpty("COLUMNS"), out var columns) && columns >= 40 ? columns : RedirectedWidth;
        }

        return new Terminal(console, System.Console.Out, System.Console.Error, interactive: !redirected);
    }

    /// <summary>Writes the one error line, <c>oplat: ...</c>, to standard error.</summary>
    public void Fail(string message) => error.WriteLine("oplat: " + OneLine(message));

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
