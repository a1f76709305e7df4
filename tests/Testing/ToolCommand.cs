using System.Diagnostics;
using System.Globalization;

namespace OrleansPlatform.Testing;

/// <summary>Runs a short command-line tool (ip, initdb, pg_ctl, chown) to completion, bounded in time.</summary>
public static class ToolCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> and returns its standard output.
    /// </summary>
    /// <exception cref="InvalidOperationException">It exited non-zero; the message has the command and its output.</exception>
    /// <exception cref="OperationCanceledException">It did not end within <paramref name="timeout"/> (default 90 s).</exception>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
        {
            var said = await output + await error;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {said}"));
        }

        return await output;
    }
}
