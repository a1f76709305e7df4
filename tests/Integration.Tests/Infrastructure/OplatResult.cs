using System.Text.Json;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>What one run of the <c>oplat</c> process left: its exit code, standard output and standard error lines.</summary>
public sealed record OplatResult(int ExitCode, string Stdout, IReadOnlyList<string> StderrLines)
{
    /// <summary>Standard output parsed as JSON (for <c>--json</c> runs).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>The single error line a refused or misused command must print.</summary>
    public string ErrorLine => Assert.Single(StderrLines);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{string.Join('\n', StderrLines)}";
}
