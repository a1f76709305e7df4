using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>Runs the real <c>oplat.dll</c> as a process, as an operator's shell would (output redirected, so never a terminal).</summary>
public static class OplatProcess
{
    public static async Task<OplatResult> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var full = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            // A terminal type that supports colour: the CLI must still print none into a pipe.
            ["TERM"] = "xterm-256color",
        };

        // The test runner's own environment must not supply a password or URL the test did not choose.
        foreach (var variable in new[] { "OPLAT_URL", "OPLAT_PASSWORD", "ORLEANSPLATFORM_Admin__Password", "COLUMNS", "NO_COLOR" })
        {
            full.TryAdd(variable, string.Empty);
        }

        await using var process = PlatformProcess.Start(RepoPaths.CliDll, args, workingDirectory, full);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return new OplatResult(exitCode, process.StandardOutput, process.StandardError.Length == 0 ? [] : process.StandardError.Split('\n'));
    }
}
